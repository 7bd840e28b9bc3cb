using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

public sealed class SettlementStartRefundTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_settlement_interrupted_before_it_completed_is_completed_first(bool ownPosted)
    {
        // Given a settlement whose debits are not all posted (a crash between legs)
        var planned = Settlement.Start(LedgerData.Plan(10_000));
        if (ownPosted)
        {
            planned = planned.Debited(3_000);
        }

        // When the institution asks for its refund
        var (start, after) = planned.StartRefund();

        // Then it is run to the end first, and nothing is saved yet
        Assert.Equal(RefundStart.CompleteFirst, start);
        Assert.Equal(planned, after);
    }

    [Fact]
    public void A_completed_settlement_begins_its_refund()
    {
        // Given a completed settlement
        var completed = LedgerData.Completed(10_000, 3_000, 2_000);

        // When the institution asks for its refund
        var (start, after) = completed.StartRefund();

        // Then this asking begins it: the state to save is refunding, with the legs it debited to restore
        Assert.Equal(RefundStart.Begin, start);
        Assert.Equal(completed with { Status = SettlementStatus.Refunding }, after);
        Assert.Equal([Settlement.OwnRefundLeg, Settlement.FamilyRefundLeg], after.PostAll().Legs.Select(l => l.Name));
    }

    [Fact]
    public void A_refund_another_asking_began_is_resumed_not_begun_again()
    {
        // Given a refund begun by another request, its legs not posted yet
        var refunding = LedgerData.Completed(10_000, 3_000, 2_000).StartRefund().After;

        // When the institution asks again
        var (start, after) = refunding.StartRefund();

        // Then its legs are run to the end, and there is nothing new to save
        Assert.Equal(RefundStart.Resume, start);
        Assert.Equal(refunding, after);
    }

    [Fact]
    public void A_refunded_settlement_gives_the_same_answer()
    {
        // Given a refunded settlement
        var refunded = LedgerData.Completed(10_000, 3_000, 2_000).StartRefund().After.PostAll().After.Finish();

        // When the institution asks again
        var (start, after) = refunded.StartRefund();

        // Then nothing is saved and nothing runs
        Assert.Equal(RefundStart.AlreadyRefunded, start);
        Assert.Equal(refunded, after);
        Assert.Null(after.NextLeg());
    }
}
