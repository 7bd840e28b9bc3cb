using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

public sealed class SettlementRecordTests
{
    [Fact]
    public void A_recorded_debit_is_kept_as_the_positive_part_it_paid()
    {
        var start = Settlement.Start(LedgerData.Plan(10_000));

        var afterOwn = start.Record(start.NextLeg()!, -3_000);
        var afterFamily = afterOwn.Record(afterOwn.NextLeg()!, -2_000);

        Assert.Equal(3_000, afterOwn.OwnFen);
        Assert.Null(afterOwn.FamilyFen);
        Assert.Equal(2_000, afterFamily.FamilyFen);
        Assert.Equal(new SettlementSplit(3_000, 2_000, 5_000), afterFamily.Split);
        Assert.Equal(SettlementStatus.Planned, afterFamily.Status);
    }

    [Fact]
    public void A_debit_that_found_the_account_empty_is_recorded_as_zero_paid()
    {
        var start = Settlement.Start(LedgerData.Plan(10_000));

        var after = start.Record(start.NextLeg()!, 0);

        Assert.Equal(0, after.OwnFen);
        Assert.Equal(Settlement.FamilyLeg, after.NextLeg()?.Name);
    }

    [Fact]
    public void A_leg_of_another_saga_cannot_be_recorded()
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000));
        var transferLeg = new Leg(Transfer.DebitLeg, LedgerData.Own, new Posting("t-1/debit", -100, "transfer-out", "t-1"));

        Assert.Throws<ArgumentException>(() => settlement.Record(transferLeg, -100));
    }

    [Fact]
    public void A_settlement_leg_is_never_refused()
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000));

        Assert.Throws<InvalidOperationException>(() => settlement.Refuse(settlement.NextLeg()!, PostingRefusal.InsufficientBalance));
    }
}
