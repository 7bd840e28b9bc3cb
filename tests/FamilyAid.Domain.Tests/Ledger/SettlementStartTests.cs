using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

public sealed class SettlementStartTests
{
    [Fact]
    public void A_plan_with_both_accounts_starts_planned_with_neither_part_paid()
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000));

        Assert.Equal(SettlementStatus.Planned, settlement.Status);
        Assert.Null(settlement.OwnFen);
        Assert.Null(settlement.FamilyFen);
        Assert.False(settlement.OwnRestored);
        Assert.False(settlement.FamilyRestored);
        Assert.Equal(new SettlementSplit(0, 0, 10_000), settlement.Split);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void An_account_the_plan_does_not_use_counts_as_having_paid_nothing(bool own, bool family)
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000, own, family));

        Assert.Equal(own ? null : (long?)0, settlement.OwnFen);
        Assert.Equal(family ? null : (long?)0, settlement.FamilyFen);
    }

    [Fact]
    public void A_plan_with_no_account_has_no_leg_and_is_paid_all_in_cash()
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000, own: false, family: false));

        Assert.Null(settlement.NextLeg());
        var completed = settlement.Finish();
        Assert.Equal(SettlementStatus.Completed, completed.Status);
        Assert.Equal(new SettlementSplit(0, 0, 10_000), completed.Split);
    }
}
