using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>The refund credits back exactly what each debit took, and nothing where a debit took nothing.</summary>
public sealed class SettlementRefundLegTests
{
    [Fact]
    public void The_refund_credits_each_account_exactly_what_its_debit_took()
    {
        // Given a completed settlement that took 3 000 from the own account and 2 000 from the pool
        var refunding = LedgerData.Completed(10_000, 3_000, 2_000).BeginRefund().After;

        // When its refund legs are posted
        var (_, legs) = refunding.PostAll();

        // Then the own account and the pool get back what they paid, each under its own key
        Assert.Collection(
            legs,
            own =>
            {
                Assert.Equal(Settlement.OwnRefundLeg, own.Name);
                Assert.Equal(LedgerData.Own, own.Account);
                Assert.Equal(new Posting("settlement-1/own-refund", 3_000, "refund", LedgerData.SettlementId), own.Posting);
            },
            family =>
            {
                Assert.Equal(Settlement.FamilyRefundLeg, family.Name);
                Assert.Equal(LedgerData.Family, family.Account);
                Assert.Equal(new Posting("settlement-1/family-refund", 2_000, "refund", LedgerData.SettlementId), family.Posting);
            });
    }

    [Theory]
    [InlineData(0, 2_000, Settlement.FamilyRefundLeg)]
    [InlineData(3_000, 0, Settlement.OwnRefundLeg)]
    [InlineData(10_000, 0, Settlement.OwnRefundLeg)]
    public void A_debit_that_took_nothing_gets_no_refund_leg(long ownFen, long familyFen, string onlyLeg)
    {
        var refunding = LedgerData.Completed(10_000, ownFen, familyFen).BeginRefund().After;

        var (_, legs) = refunding.PostAll();

        Assert.Equal(onlyLeg, Assert.Single(legs).Name);
    }

    [Fact]
    public void A_settlement_paid_all_in_cash_is_refunded_with_no_leg()
    {
        var refunding = LedgerData.Completed(10_000, 0, 0).BeginRefund().After;

        Assert.Null(refunding.NextLeg());
        Assert.Equal(SettlementStatus.Refunded, refunding.Finish().Status);
    }

    [Fact]
    public void Finishing_while_a_refund_leg_is_missing_throws()
    {
        var refunding = LedgerData.Completed(10_000, 3_000, 2_000).BeginRefund().After;
        var ownRestored = refunding.Record(refunding.NextLeg()!, 3_000);

        Assert.Throws<InvalidOperationException>(() => refunding.Finish());
        Assert.Throws<InvalidOperationException>(() => ownRestored.Finish());
    }

    [Fact]
    public void Finishing_once_the_refund_legs_are_posted_marks_the_settlement_refunded_and_keeps_its_split()
    {
        var refunding = LedgerData.Completed(10_000, 3_000, 2_000).BeginRefund().After;

        var refunded = refunding.PostAll().After.Finish();

        Assert.Equal(SettlementStatus.Refunded, refunded.Status);
        Assert.True(refunded.OwnRestored);
        Assert.True(refunded.FamilyRestored);
        Assert.Equal(new SettlementSplit(3_000, 2_000, 5_000), refunded.Split);
        Assert.Null(refunded.NextLeg());
    }

    [Fact]
    public void A_completed_settlement_has_no_refund_leg_until_a_refund_is_asked_for() =>
        Assert.Null(LedgerData.Completed(10_000, 3_000, 2_000).NextLeg());
}
