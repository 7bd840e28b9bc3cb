using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Ledger;

/// <summary>Group commit: postings waiting for one account go together into one entity-group transaction, each with its
/// own key row and its own answer.</summary>
public sealed class GroupCommitTests(PrivateApp app) : IClassFixture<PrivateApp>
{
    private static string NewAccount() => "acct-" + Guid.NewGuid().ToString("N");

    private static Posting Debit(string key, long fen) => new(key, -fen, "pharmacy", key);

    [Fact]
    public async Task A_batch_holding_one_refused_posting_refuses_only_that_posting_and_commits_the_others_in_one_transaction()
    {
        // Given an account holding 100 yuan
        var (ledger, batches) = Counted();
        var account = NewAccount();
        await ledger.Open(account, 10_000, default);

        // When four debits arrive together: 20 yuan, 500 yuan (more than is there), 30 yuan, 40 yuan
        var outcomes = await ledger.PostAll(account, [Debit("a", 2_000), Debit("b", 50_000), Debit("c", 3_000), Debit("d", 4_000)], default);

        // Then only the second is refused, the others are entries 1–3, and it took one transaction
        Assert.Equal(PostingRefusal.InsufficientBalance, outcomes[1].Refusal);
        Assert.Null(outcomes[1].Entry);
        Assert.Equal([1L, 2L, 3L], new[] { outcomes[0], outcomes[2], outcomes[3] }.Select(o => o.Entry!.Sequence));
        Assert.Equal([8_000L, 5_000L, 1_000L], new[] { outcomes[0], outcomes[2], outcomes[3] }.Select(o => o.Entry!.BalanceAfterFen));
        Assert.Equal(1, batches.Count);
        Assert.Equal(1_000, (await ledger.Balance(account, default))!.Value.BalanceFen);

        // And the refused key stayed free: the same debit, after a top-up, goes through
        await ledger.Post(account, new Posting("top-up", 60_000, "transfer-in", null), default);
        Assert.NotNull((await ledger.Post(account, Debit("b", 50_000), default)).Entry);
    }

    [Fact]
    public async Task A_batch_holding_a_key_taken_before_answers_that_posting_with_its_first_outcome_and_commits_the_others()
    {
        // Given an account holding 100 yuan from which one debit of 10 yuan was posted
        var (ledger, batches) = Counted();
        var account = NewAccount();
        await ledger.Open(account, 10_000, default);
        var first = await ledger.Post(account, Debit("old", 1_000), default);

        // When a batch holds a new debit, a retry of the old one, the old key with another amount, and another new debit
        var outcomes = await ledger.PostAll(account, [Debit("a", 2_000), Debit("old", 1_000), Debit("old", 9_000), Debit("c", 3_000)], default);

        // Then the retry gets its first entry, the other body under its key a conflict, and the two new debits commit
        Assert.True(outcomes[1].Replayed);
        Assert.Equal(first.Entry, outcomes[1].Entry);
        Assert.True(outcomes[2].Conflict);
        Assert.Equal([2L, 3L], new[] { outcomes[0], outcomes[3] }.Select(o => o.Entry!.Sequence));
        Assert.Equal(4_000, (await ledger.Balance(account, default))!.Value.BalanceFen);
        Assert.Equal(3, (await ledger.Entries(account, 10, default)).Count);
        // (one transaction for the first debit; the batch's first try fails on the taken key, its second commits)
        Assert.Equal(3, batches.Count);
    }

    [Fact]
    public async Task Sixteen_postings_waiting_for_one_account_go_in_a_few_transactions_and_never_overdraw()
    {
        // Given an account holding 10 yuan
        var (ledger, batches) = Counted();
        var account = NewAccount();
        await ledger.Open(account, 1_000, default);

        // When 16 debits of 1 yuan arrive at once
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => ledger.Post(account, Debit($"k{i}", 100), default)));

        // Then 10 go through and 6 are refused, in far fewer transactions than postings
        Assert.Equal(10, outcomes.Count(o => o.Entry is not null));
        Assert.Equal(6, outcomes.Count(o => o.Refusal == PostingRefusal.InsufficientBalance));
        Assert.InRange(batches.Count, 1, 3);
        Assert.Equal(0, (await ledger.Balance(account, default))!.Value.BalanceFen);
    }

    [Fact]
    public async Task Two_instances_batching_postings_to_one_account_keep_it_exact()
    {
        // Given an account holding 60 yuan, and two app instances (each with its own queues) posting to it
        var (one, _) = Counted();
        var (other, _) = Counted();
        var account = NewAccount();
        await one.Open(account, 6_000, default);

        // When each instance gets 50 debits of 1 yuan at once
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => (i % 2 == 0 ? one : other).Post(account, Debit($"k{i}", 100), default)));

        // Then exactly 60 go through, entries are numbered 1–60 without a gap, and the account is empty, not below
        Assert.Equal(60, outcomes.Count(o => o.Entry is not null));
        Assert.Equal(0, (await one.Balance(account, default))!.Value.BalanceFen);
        Assert.Equal(Enumerable.Range(1, 60).Reverse().Select(i => (long)i), (await one.Entries(account, 100, default)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_batch_whose_answer_was_lost_answers_each_posting_with_what_was_committed()
    {
        // Given an account of 100 yuan, and a storage client whose first transaction is applied but whose answer is lost
        // (the SDK retries it, and the retry fails on the balance row's changed ETag)
        var (ledger, _) = Counted(loseFirstAnswer: true);
        var account = NewAccount();
        await app.Services.GetRequiredService<AccountLedger>().Open(account, 10_000, default);

        // When a batch of three debits is posted through it
        var outcomes = await ledger.PostAll(account, [Debit("a", 1_000), Debit("b", 2_000), Debit("c", 3_000)], default);

        // Then each posting gets the entry committed for it, once
        Assert.All(outcomes, o => Assert.True(o.Replayed));
        Assert.Equal([1L, 2L, 3L], outcomes.Select(o => o.Entry!.Sequence));
        Assert.Equal(4_000, (await ledger.Balance(account, default))!.Value.BalanceFen);
        Assert.Equal(3, (await ledger.Entries(account, 10, default)).Count);
    }

    // A ledger of its own (its own queues, as another instance has) on the app's tables, counting the transactions sent.
    private (AccountLedger Ledger, BatchCounter Batches) Counted(bool loseFirstAnswer = false)
    {
        // Starting the app creates its tables.
        _ = app.Services;
        var counter = new BatchCounter(loseFirstAnswer);
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var tables = new Tables(new TableServiceClient(FamilyAidApp.StorageConnection, options), app.Prefix);
        return (new AccountLedger(tables, app.Clock), counter);
    }

    // Counts the $batch requests sent (retries included); optionally sends the first for real and then throws as if the
    // connection dropped before its answer arrived.
    private sealed class BatchCounter(bool loseFirstAnswer) : HttpPipelinePolicy
    {
        private int count;

        public int Count => count;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Increment(ref count) == 1 && loseFirstAnswer)
            {
                throw new IOException("The answer was lost on the way back.");
            }
        }
    }
}
