using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

public sealed class SettlementBeginRefundTests
{
    [Fact]
    public void A_completed_settlement_starts_refunding()
    {
        var completed = LedgerData.Completed(10_000, 3_000, 2_000);

        var (after, refusal) = completed.BeginRefund();

        Assert.Null(refusal);
        Assert.Equal(completed with { Status = SettlementStatus.Refunding }, after);
    }

    [Fact]
    public void Asking_again_while_refunding_changes_nothing_and_is_not_refused()
    {
        var refunding = LedgerData.Completed(10_000, 3_000, 2_000).BeginRefund().After;

        var (after, refusal) = refunding.BeginRefund();

        Assert.Null(refusal);
        Assert.Equal(refunding, after);
    }

    [Fact]
    public void Asking_again_once_refunded_changes_nothing_and_is_not_refused()
    {
        var refunded = LedgerData.Completed(10_000, 3_000, 2_000).BeginRefund().After.PostAll().After.Finish();
        Assert.Equal(SettlementStatus.Refunded, refunded.Status);

        var (after, refusal) = refunded.BeginRefund();

        Assert.Null(refusal);
        Assert.Equal(refunded, after);
        Assert.Null(after.NextLeg());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_settlement_whose_debits_are_not_all_posted_cannot_be_refunded(bool ownPosted)
    {
        var planned = Settlement.Start(LedgerData.Plan(10_000));
        if (ownPosted)
        {
            planned = planned.Debited(3_000);
        }

        var (after, refusal) = planned.BeginRefund();

        Assert.Equal(SettlementRefusal.NotCompleted, refusal);
        Assert.Equal(planned, after);
    }
}
