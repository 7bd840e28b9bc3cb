using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>The order of the debits: the own account first, capped at the bill, then the family account for the rest.</summary>
public sealed class SettlementNextLegTests
{
    [Fact]
    public void The_own_account_is_debited_first_for_the_whole_bill()
    {
        var leg = Settlement.Start(LedgerData.Plan(10_000)).NextLeg();

        Assert.NotNull(leg);
        Assert.Equal(Settlement.OwnLeg, leg.Name);
        Assert.Equal(LedgerData.Own, leg.Account);
        Assert.Equal(-10_000, leg.Posting.AmountFen);
    }

    [Theory]
    [InlineData(0, 10_000)]
    [InlineData(3_000, 7_000)]
    [InlineData(9_999, 1)]
    public void The_family_account_is_then_debited_for_what_the_own_account_did_not_pay(long ownPaid, long familyCap)
    {
        // Given the own account paid part of a bill of 10 000
        var settlement = Settlement.Start(LedgerData.Plan(10_000)).Debited(ownPaid);

        // When the next leg is asked for
        var leg = settlement.NextLeg();

        // Then it debits the family account for the rest
        Assert.NotNull(leg);
        Assert.Equal(Settlement.FamilyLeg, leg.Name);
        Assert.Equal(LedgerData.Family, leg.Account);
        Assert.Equal(-familyCap, leg.Posting.AmountFen);
    }

    [Fact]
    public void No_family_leg_is_made_when_the_own_account_paid_the_whole_bill()
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000)).Debited(10_000);

        Assert.Null(settlement.NextLeg());
    }

    [Fact]
    public void Without_an_own_account_the_family_account_is_debited_for_the_whole_bill()
    {
        var leg = Settlement.Start(LedgerData.Plan(10_000, own: false)).NextLeg();

        Assert.NotNull(leg);
        Assert.Equal(Settlement.FamilyLeg, leg.Name);
        Assert.Equal(-10_000, leg.Posting.AmountFen);
    }

    [Fact]
    public void Without_a_family_account_what_the_own_account_did_not_pay_is_left_to_cash()
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000, family: false)).Debited(3_000);

        Assert.Null(settlement.NextLeg());
        Assert.Equal(new SettlementSplit(3_000, 0, 7_000), settlement.Finish().Split);
    }

    [Fact]
    public void No_leg_is_left_once_both_debits_are_recorded()
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000)).Debited(3_000).Debited(2_000);

        Assert.Null(settlement.NextLeg());
    }

    [Theory]
    [InlineData(0, Settlement.OwnLeg, "settlement-1/own")]
    [InlineData(3_000, Settlement.FamilyLeg, "settlement-1/family")]
    public void Every_debit_takes_up_to_the_balance_under_a_key_made_of_the_settlement_and_the_leg(long ownPaid, string name, string key)
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000));
        if (name == Settlement.FamilyLeg)
        {
            settlement = settlement.Debited(ownPaid);
        }

        var posting = settlement.NextLeg()!.Posting;

        Assert.Equal(key, posting.Key);
        Assert.True(posting.UpToBalance);
        Assert.True(posting.AmountFen < 0);
        Assert.Equal("settlement", posting.Reason);
        Assert.Equal(LedgerData.SettlementId, posting.Reference);
    }

    [Fact]
    public void Asking_again_before_recording_gives_the_same_leg()
    {
        var settlement = Settlement.Start(LedgerData.Plan(10_000)).Debited(3_000);

        Assert.Equal(settlement.NextLeg(), settlement.NextLeg());
    }
}
