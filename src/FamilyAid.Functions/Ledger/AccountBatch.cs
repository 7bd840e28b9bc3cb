using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Ledger;

/// <summary>Commits one batch of postings to one account: reads the balance row (and the quotas the batch needs),
/// decides the postings in order (<see cref="PostingBatch"/>), and writes every kept posting's entry, quota and key row in
/// one entity-group transaction under the balance row's ETag; each posting gets its own answer.</summary>
/// <remarks>A lost race for the balance row (another instance posted first) is read and decided again (Optimistic). A key
/// taken before (a retry, or a transaction applied under a lost answer) fails the transaction: the batch's key rows are
/// read, the postings found there get their first answer, and the rest are decided again.</remarks>
internal sealed class AccountBatch(Tables tables, TimeProvider clock)
{
    // The balance row each account had when this instance last wrote it, with the ETag the transaction answered: a hint
    // that spares the read. Another instance's write since fails the transaction (412) and the row is read again; a
    // refusal is never decided on it (money may have come in through another instance).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TableEntity> known = new(StringComparer.Ordinal);
    private const int MostKnown = 100_000;

    /// <summary>What is reserved for quotas in <paramref name="accountId"/> as this instance last wrote it, or null when it
    /// has not (a hint: another instance may have changed it since).</summary>
    public long? KnownReservedFen(string accountId) =>
        known.TryGetValue(accountId, out var row) ? row.GetInt64("ReservedFen") ?? 0 : null;

    /// <summary>Answers the postings of <paramref name="batch"/> that fit in one transaction, in order, and returns the
    /// rest.</summary>
    public Task<IReadOnlyList<WaitingPosting>> Commit(string accountId, IReadOnlyList<WaitingPosting> batch) =>
        Optimistic.Retry<IReadOnlyList<WaitingPosting>>($"Account {accountId}", async attempt =>
        {
            var open = batch.Where(w => !w.Answer.Task.IsCompleted).ToList();
            var remembered = attempt.IsFirst && known.TryGetValue(accountId, out var row) ? row : null;
            var (balance, book) = await Read(accountId, open, remembered, CancellationToken.None);
            var decision = PostingBatch.Decide(book, [.. open.Select(w => w.Make)]);
            var decided = decision.Decided;
            if (remembered is not null && decided.Any(d => d.Step == PostingStep.Refused))
            {
                // Refuse only on the row as storage has it.
                known.TryRemove(accountId, out _);
                return Optimistic.Lost;
            }

            // A retry of a posting that succeeded before must get its answer, not a refusal on today's balance.
            var replays = decided.Select(d => d.Step == PostingStep.Refused ? Replay(accountId, d.Posting, CancellationToken.None) : null).ToList();
            var at = clock.GetUtcNow();
            if (decision.Writes > 0)
            {
                try
                {
                    var actions = Actions(accountId, balance, decision, at);
                    var answered = await tables.Accounts.SubmitTransactionAsync(actions, CancellationToken.None);
                    Remember(After(balance, decision.After), answered.Value.Count > 0 ? answered.Value[0].Headers.ETag : null);
                }
                catch (TableTransactionFailedException e) when (e.Status == 409)
                {
                    known.TryRemove(accountId, out _);
                    // The balance row comes first in the transaction, so its ETag held: a key was taken before. Those
                    // postings get their first answers; the others are decided again.
                    return await AnswerTaken(accountId, open, decided) ? Optimistic.Lost
                        : throw new InvalidOperationException($"No posting key row found after a conflict on account {accountId}.", e);
                }
                catch (TableTransactionFailedException e) when (e.Status == 412)
                {
                    // Another instance moved the balance first (or the row this instance knew is stale).
                    known.TryRemove(accountId, out _);
                    return Optimistic.Lost;
                }
            }

            var answers = new PostingOutcome[decided.Count];
            for (var i = 0; i < decided.Count; i++)
            {
                answers[i] = await Answer(decided[i], replays[i], answers, at);
                open[i].Answer.TrySetResult(answers[i]);
            }

            return open[decided.Count..];
        }, CancellationToken.None);

    private static async Task<PostingOutcome> Answer(PostingDecision d, Task<PostingOutcome?>? replay, PostingOutcome[] earlier, DateTimeOffset at) => d.Step switch
    {
        PostingStep.Kept => new PostingOutcome(
            d.Entry is { } e ? new LedgerEntry(e.Sequence, e.AmountFen, e.BalanceAfterFen, d.Posting.Reason, d.Posting.Reference, at, e.ReservedChangeFen, e.ReservedAfterFen) : null,
            d.AppliedFen, d.Refusal, Replayed: false, Conflict: false),
        PostingStep.Refused => await replay! ?? new PostingOutcome(null, 0, d.Refusal, Replayed: false, Conflict: false),
        PostingStep.Repeated => earlier[d.Earlier] with { Replayed = true },
        PostingStep.Conflict => new PostingOutcome(null, 0, null, Replayed: false, Conflict: true),
        _ => new PostingOutcome(null, 0, null, Replayed: false, Conflict: false),
    };

    // The balance row (the remembered one, else read), and side by side the quota rows the open postings need.
    private async Task<(TableEntity Balance, AccountBook Book)> Read(
        string accountId, IReadOnlyList<WaitingPosting> open, TableEntity? remembered, CancellationToken ct)
    {
        var quotaIds = open.Select(w => w.QuotaId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var quotaReads = quotaIds.Select(id => tables.Accounts.GetEntityIfExistsAsync<TableEntity>(accountId, Keys.Quota(id), cancellationToken: ct)).ToList();
        var balance = remembered ?? await ReadBalance(accountId, ct);
        var quotas = await Task.WhenAll(quotaReads);
        var book = new AccountBook(
            balance.GetInt64("BalanceFen") ?? 0, balance.GetInt64("ReservedFen") ?? 0, balance.GetInt64("Sequence") ?? 0,
            quotaIds.Zip(quotas).ToImmutableDictionary(q => q.First, q => ToQuota(q.Second), StringComparer.Ordinal));
        return (balance, book);
    }

    private async Task<TableEntity> ReadBalance(string accountId, CancellationToken ct)
    {
        var found = await tables.Accounts.GetEntityIfExistsAsync<TableEntity>(accountId, Keys.Balance, cancellationToken: ct);
        return found.HasValue ? found.Value! : throw new AccountNotOpenException(accountId);
    }

    /// <summary>Keeps <paramref name="row"/> as the balance row under the ETag storage answered for it (none: forget
    /// the account).</summary>
    public void Remember(TableEntity row, ETag? etag)
    {
        if (etag is not { } tag)
        {
            known.TryRemove(row.PartitionKey, out _);
            return;
        }

        if (known.Count >= MostKnown)
        {
            known.Clear();
        }

        row.ETag = tag;
        known[row.PartitionKey] = row;
    }

    // The balance row as a batch leaves it: the one it decided on, with the figures it wrote.
    private static TableEntity After(TableEntity before, AccountBook after)
    {
        var row = new TableEntity(before.PartitionKey, Keys.Balance);
        foreach (var (name, value) in before.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            row[name] = value;
        }

        (row["BalanceFen"], row["ReservedFen"], row["Sequence"]) = (after.BalanceFen, after.ReservedFen, after.Sequence);
        return row;
    }

    // The balance row (under its ETag, with the figures the batch leaves), each entry, each quota changed, each key row.
    private static List<TableTransactionAction> Actions(string accountId, TableEntity balance, BatchDecision decision, DateTimeOffset at)
    {
        var actions = new List<TableTransactionAction>(decision.Writes)
        {
            new(TableTransactionActionType.UpdateMerge, new TableEntity(accountId, Keys.Balance)
            {
                ["BalanceFen"] = decision.After.BalanceFen,
                ["ReservedFen"] = decision.After.ReservedFen,
                ["Sequence"] = decision.After.Sequence,
            }, balance.ETag),
        };
        var kept = decision.Decided.Where(d => d.Step == PostingStep.Kept).ToList();
        actions.AddRange(kept.Where(d => d.Entry is not null).Select(d => new TableTransactionAction(TableTransactionActionType.Add,
            new TableEntity(accountId, Keys.LedgerEntry(d.Entry!.Sequence))
            {
                ["Sequence"] = d.Entry.Sequence,
                ["AmountFen"] = d.Entry.AmountFen,
                ["BalanceAfterFen"] = d.Entry.BalanceAfterFen,
                ["Reason"] = d.Posting.Reason,
                ["Reference"] = d.Posting.Reference,
                ["At"] = at,
                ["PostingKey"] = Keys.PostingKey(d.Posting.Key),
                ["ReservedChangeFen"] = d.Entry.ReservedChangeFen,
                ["ReservedAfterFen"] = d.Entry.ReservedAfterFen,
                ["Quota"] = d.Posting.Quota?.RelationshipId,
            })));

        // Guarded by the balance row's ETag in the same transaction: every change of a quota goes through it.
        actions.AddRange(decision.QuotasChanged.Select(q => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(accountId, Keys.Quota(q.Key)) { ["QuotaFen"] = q.Value.QuotaFen, ["Closed"] = q.Value.Closed, ["Changes"] = q.Value.Changes })));
        actions.AddRange(kept.Select(d => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(accountId, Keys.PostingKey(d.Posting.Key))
        {
            ["RequestHash"] = Hash(d.Posting),
            ["Sequence"] = d.Entry?.Sequence ?? 0L,
            ["AppliedFen"] = d.AppliedFen,
            ["Refusal"] = d.Refusal?.ToString(),
        })));
        return actions;
    }

    // After a conflict on a key: reads the key rows of the kept postings (and of those repeating their keys) side by
    // side, and answers each posting whose key was taken before. False when none was.
    private async Task<bool> AnswerTaken(string accountId, List<WaitingPosting> open, IReadOnlyList<PostingDecision> decided)
    {
        var reading = decided.Select((d, i) => (d, i)).Where(x => x.d.Step is PostingStep.Kept or PostingStep.Repeated or PostingStep.Conflict).ToList();
        var found = await Task.WhenAll(reading.Select(x => Replay(accountId, x.d.Posting, CancellationToken.None)));
        foreach (var (x, answer) in reading.Zip(found).Where(x => x.Second is not null))
        {
            open[x.i].Answer.TrySetResult(answer!);
        }

        return found.Any(f => f is not null);
    }

    /// <summary>A quota row as its state (none when the row is not there).</summary>
    internal static QuotaState ToQuota(NullableResponse<TableEntity> row) => row.HasValue
        ? new QuotaState(row.Value!.GetInt64("QuotaFen") ?? 0, row.Value.GetBoolean("Closed") ?? false, row.Value.GetInt64("Changes") ?? 0)
        : QuotaState.None;

    /// <summary>The answer a posting under this key got before, or null when the key is new.</summary>
    private async Task<PostingOutcome?> Replay(string accountId, Posting posting, CancellationToken ct)
    {
        var found = await tables.Accounts.GetEntityIfExistsAsync<TableEntity>(accountId, Keys.PostingKey(posting.Key), cancellationToken: ct);
        if (!found.HasValue)
        {
            return null;
        }

        var seen = found.Value!;
        if (seen.GetString("RequestHash") != Hash(posting))
        {
            return new PostingOutcome(null, 0, null, Replayed: false, Conflict: true);
        }

        var sequence = seen.GetInt64("Sequence")!.Value;
        // Sequence 0: an up-to-balance debit that found the account empty, or a final refusal, remembered as such.
        if (sequence == 0)
        {
            var refusal = seen.GetString("Refusal") is { } name ? Enum.Parse<PostingRefusal>(name) : (PostingRefusal?)null;
            return new PostingOutcome(null, 0, refusal, Replayed: true, Conflict: false);
        }

        var entry = AccountLedger.ToEntry((await tables.Accounts.GetEntityAsync<TableEntity>(accountId, Keys.LedgerEntry(sequence), cancellationToken: ct)).Value);
        return new PostingOutcome(entry, seen.GetInt64("AppliedFen") ?? entry.AmountFen, null, Replayed: true, Conflict: false);
    }

    // A quota posting's quota is part of its body (an older posting's hash stays as it was).
    private static string Hash(Posting posting) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{posting.AmountFen}\n{posting.Reason}\n{posting.Reference}\n{posting.UpToBalance}{(posting.Final ? "\nfinal" : "")}"
            + (posting.Quota is { } quota ? $"\n{quota.RelationshipId}/{quota.Operation}" : ""))));
}
