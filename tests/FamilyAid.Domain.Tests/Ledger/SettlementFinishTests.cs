using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

public sealed class SettlementFinishTests
{
    [Fact]
    public void Finishing_before_the_own_debit_is_posted_throws() =>
        Assert.Throws<InvalidOperationException>(() => Settlement.Start(LedgerData.Plan(10_000)).Finish());

    [Fact]
    public void Finishing_before_the_family_debit_is_posted_throws()
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000)).Debited(3_000);

        Assert.Throws<InvalidOperationException>(() => settlement.Finish());
    }

    [Fact]
    public void Finishing_once_every_debit_is_posted_completes_the_settlement_with_its_final_split()
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000)).Debited(3_000).Debited(2_000);

        var completed = settlement.Finish();

        Assert.Equal(SettlementStatus.Completed, completed.Status);
        Assert.Equal(new SettlementSplit(3_000, 2_000, 5_000), completed.Split);
    }

    [Fact]
    public void When_the_own_account_paid_the_whole_bill_finishing_sets_the_family_part_to_zero()
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000)).Debited(10_000);
        Assert.Null(settlement.FamilyFen);

        var completed = settlement.Finish();

        Assert.Equal(0, completed.FamilyFen);
        Assert.Equal(new SettlementSplit(10_000, 0, 0), completed.Split);
    }

    [Fact]
    public void Finishing_a_completed_settlement_changes_nothing()
    {
        var completed = LedgerData.Completed(10_000, 3_000, 2_000);

        Assert.Equal(completed, completed.Finish());
    }

    [Fact]
    public void Only_a_completed_or_refunded_settlement_needs_no_more_running()
    {
        var planned = Settlement.Start(LedgerData.Plan(10_000));
        var completed = LedgerData.Completed(10_000, 3_000, 2_000);
        var refunding = completed.BeginRefund().After;
        var refunded = refunding.PostAll().After.Finish();

        Assert.Equal(
            [false, true, false, true],
            new[] { planned, completed, refunding, refunded }.Select(s => s.IsSettled));
    }
}
