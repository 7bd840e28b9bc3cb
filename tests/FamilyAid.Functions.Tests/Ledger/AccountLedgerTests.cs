using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Ledger;

public sealed class AccountLedgerTests(PrivateApp app) : IClassFixture<PrivateApp>
{
    private AccountLedger Ledger => app.Services.GetRequiredService<AccountLedger>();

    private static string NewAccount() => "acct-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Two_hundred_concurrent_debits_end_with_the_exact_balance_and_never_below_zero()
    {
        // Given an account holding 100 yuan
        var account = NewAccount();
        await Ledger.Open(account, 10_000, default);

        // When 200 debits of 1 yuan arrive at once
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Ledger.Post(account, new Posting($"debit-{i}", -100, "pharmacy", $"bill-{i}"), default)));

        // Then exactly 100 went through, the other 100 were refused for balance, and the account is empty
        Assert.Equal(100, outcomes.Count(o => o.Entry is not null));
        Assert.Equal(100, outcomes.Count(o => o.Refusal == PostingRefusal.InsufficientBalance));
        var (opening, balance) = (await Ledger.Balance(account, default))!.Value;
        Assert.Equal(0, balance);

        // And opening + sum of entries = balance, entries are numbered without gaps, none left a negative balance
        var entries = await Ledger.Entries(account, 1000, default);
        Assert.Equal(balance, opening + entries.Sum(e => e.AmountFen));
        Assert.Equal(Enumerable.Range(1, 100).Reverse().Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.All(entries, e => Assert.True(e.BalanceAfterFen >= 0));
    }

    [Fact]
    public async Task A_final_refusal_stays_refused_after_a_top_up_while_an_ordinary_one_may_be_tried_again()
    {
        // Given an account holding 10 yuan, and two debits of 20 yuan refused: one final (a transfer's), one not
        var account = NewAccount();
        await Ledger.Open(account, 1_000, default);
        var final = new Posting("transfer-9/debit", -2_000, "transfer-out", "transfer-9", Final: true);
        var ordinary = new Posting("adjust-9", -2_000, "platform-adjustment", null);
        Assert.Equal(PostingRefusal.InsufficientBalance, (await Ledger.Post(account, final, default)).Refusal);
        Assert.Equal(PostingRefusal.InsufficientBalance, (await Ledger.Post(account, ordinary, default)).Refusal);

        // When money arrives and both are run again under their keys
        await Ledger.Post(account, new Posting("top-up-9", 5_000, "transfer-in", null), default);
        var finalAgain = await Ledger.Post(account, final, default);
        var ordinaryAgain = await Ledger.Post(account, ordinary, default);

        // Then the final one is refused again as a replay and moves nothing; the ordinary one goes through
        Assert.True(finalAgain.Replayed);
        Assert.Equal(PostingRefusal.InsufficientBalance, finalAgain.Refusal);
        Assert.Null(finalAgain.Entry);
        Assert.NotNull(ordinaryAgain.Entry);
        Assert.Equal(4_000, (await Ledger.Balance(account, default))!.Value.BalanceFen);
        Assert.Equal(["platform-adjustment", "transfer-in"], (await Ledger.Entries(account, 10, default)).Select(e => e.Reason));
    }

    [Fact]
    public async Task Clearing_a_pending_mark_leaves_one_made_again_since()
    {
        // Given a movement marked pending, then marked again (a refund beginning, a retry taking over)
        var movements = app.Services.GetRequiredService<MovementStore>();
        var id = "mv-" + Guid.NewGuid().ToString("N");
        var first = await movements.MarkPending(id, "Settlement", default);
        var second = await movements.MarkPending(id, "Settlement", default);

        // When the run that made the first mark clears it
        await movements.ClearPending(id, first, default);

        // Then the second mark stays for its own run (or recovery), which then clears it
        Assert.Contains(await movements.Pending(DateTimeOffset.MaxValue, 1000, default), p => p.Id == id);
        await movements.ClearPending(id, second, default);
        Assert.DoesNotContain(await movements.Pending(DateTimeOffset.MaxValue, 1000, default), p => p.Id == id);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_returns_the_first_entry_and_another_body_is_a_conflict()
    {
        var account = NewAccount();
        await Ledger.Open(account, 5_000, default);
        var posting = new Posting("transfer-1", -1_200, "transfer to pool", "pool-1");

        var first = await Ledger.Post(account, posting, default);
        var again = await Ledger.Post(account, posting, default);
        var other = await Ledger.Post(account, posting with { AmountFen = -1_300 }, default);

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Entry, again.Entry);
        Assert.True(other.Conflict);
        Assert.Null(other.Entry);
        Assert.Equal(3_800, (await Ledger.Balance(account, default))!.Value.BalanceFen);
        Assert.Single(await Ledger.Entries(account, 10, default));
    }

    [Fact]
    public async Task Fifty_concurrent_retries_of_one_key_make_one_entry()
    {
        var account = NewAccount();
        await Ledger.Open(account, 5_000, default);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Ledger.Post(account, new Posting("settle-1", -700, "outpatient", "bill-9"), default)));

        Assert.Single(outcomes, o => !o.Replayed);
        Assert.All(outcomes, o => Assert.Equal(1, o.Entry!.Sequence));
        Assert.Equal(4_300, (await Ledger.Balance(account, default))!.Value.BalanceFen);
    }

    [Fact]
    public async Task A_refused_debit_is_not_remembered_so_a_retry_after_a_top_up_succeeds()
    {
        var account = NewAccount();
        await Ledger.Open(account, 100, default);
        var debit = new Posting("settle-2", -500, "inpatient", "bill-10");

        Assert.Equal(PostingRefusal.InsufficientBalance, (await Ledger.Post(account, debit, default)).Refusal);
        await Ledger.Post(account, new Posting("top-up", 1_000, "transfer in", null), default);
        var retry = await Ledger.Post(account, debit, default);

        Assert.NotNull(retry.Entry);
        Assert.Equal(600, (await Ledger.Balance(account, default))!.Value.BalanceFen);
    }

    [Fact]
    public async Task Opening_twice_keeps_the_first_opening_balance()
    {
        var account = NewAccount();
        await Ledger.Open(account, 2_000, default);
        await Ledger.Open(account, 9_999, default);

        Assert.Equal((2_000L, 2_000L), (await Ledger.Balance(account, default))!.Value);
    }
}
