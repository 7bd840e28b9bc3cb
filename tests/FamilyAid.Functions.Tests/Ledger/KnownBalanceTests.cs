using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Ledger;

/// <summary>Issue 16: a ledger posts on the balance row it last wrote, without reading it again; that row is only a hint.
/// Another instance (a second <see cref="AccountLedger"/> over the same tables) posting in between never makes it move
/// money that is not there, nor refuse money that is.</summary>
public sealed class KnownBalanceTests(PrivateApp app) : IClassFixture<PrivateApp>
{
    private AccountLedger Ledger => app.Services.GetRequiredService<AccountLedger>();

    private AccountLedger OtherInstance() => new(app.Services.GetRequiredService<Tables>(), TimeProvider.System);

    private static string NewAccount() => "acct-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_debit_after_another_instance_spent_the_money_takes_only_what_is_left()
    {
        // Given an account opened with 50 yuan by this instance, which therefore knows its balance row
        var account = NewAccount();
        await Ledger.Open(account, 5_000, default);

        // When another instance spends 40 yuan, then this one debits up to 50 yuan
        Assert.NotNull((await OtherInstance().Post(account, new Posting("elsewhere-1", -4_000, "settlement", "s-1"), default)).Entry);
        var outcome = await Ledger.Post(account, new Posting("here-1", -5_000, "settlement", "s-2", UpToBalance: true), default);

        // Then only the 10 yuan left moved, and the account stands at 0 with its entries in order
        Assert.Equal(-1_000, outcome.AppliedFen);
        Assert.Equal((5_000L, 0L), (await Ledger.Balance(account, default))!.Value);
        Assert.Equal([2L, 1L], (await Ledger.Entries(account, 10, default)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_debit_after_another_instance_added_money_is_not_refused_on_the_old_balance()
    {
        // Given an account opened with 10 yuan by this instance
        var account = NewAccount();
        await Ledger.Open(account, 1_000, default);

        // When another instance credits 50 yuan, then this one debits 30 yuan (not up to the balance)
        await OtherInstance().Post(account, new Posting("elsewhere-2", 5_000, "refund", "s-3"), default);
        var outcome = await Ledger.Post(account, new Posting("here-2", -3_000, "transfer-out", "t-1"), default);

        // Then the debit goes through on the balance storage holds
        Assert.Null(outcome.Refusal);
        Assert.Equal(-3_000, outcome.AppliedFen);
        Assert.Equal(3_000, (await Ledger.Balance(account, default))!.Value.BalanceFen);
    }
}
