using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>The debit of the authorizer's account comes first, then the credit of the pool.</summary>
public sealed class TransferLegTests
{
    private static readonly Transfer Planned = Transfer.Start("transfer-1", TestPeople.AuthorizerId, 50_000);

    [Fact]
    public void The_authorizers_account_is_debited_first_for_the_whole_amount_with_no_up_to_balance_and_a_final_refusal()
    {
        var leg = Planned.NextLeg();

        Assert.Equal(
            new Leg(Transfer.DebitLeg, AccountId.Personal(TestPeople.AuthorizerId), new Posting("transfer-1/debit", -50_000, "transfer-out", "transfer-1", Final: true)),
            leg);
    }

    [Fact]
    public void Once_the_debit_is_recorded_the_pool_is_credited()
    {
        var debited = Planned.Posted();

        Assert.True(debited.Debited);
        Assert.Equal(
            new Leg(Transfer.CreditLeg, AccountId.Pool(TestPeople.AuthorizerId), new Posting("transfer-1/credit", 50_000, "transfer-in", "transfer-1")),
            debited.NextLeg());
    }

    [Fact]
    public void No_leg_is_left_once_both_are_recorded()
    {
        var debited = Planned.Posted();
        var credited = debited.Posted();

        Assert.True(credited.Credited);
        Assert.Null(credited.NextLeg());
    }

    [Fact]
    public void A_leg_of_another_saga_cannot_be_recorded()
    {
        var settlementLeg = Settlement.Start(LedgerData.Plan(10_000)).NextLeg()!;

        Assert.Throws<ArgumentException>(() => Planned.Record(settlementLeg, -10_000));
    }
}
