using CsCheck;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>A settlement run against any balances pays its bill exactly, as <see cref="SettlementSplit.Of"/> says.</summary>
public sealed class SettlementRunProperties
{
    private static readonly Gen<long> Bill = Gen.Long[1, 200_000];
    private static readonly Gen<long?> Balance = Gen.Frequency(
        (3, Gen.Long[0, 300_000].Select(b => (long?)b)), (1, Gen.Const((long?)0)), (1, Gen.Const((long?)null)));

    [Fact]
    public void Run_against_any_balances_the_split_adds_up_to_the_bill_and_is_the_split_of_those_balances()
    {
        Gen.Select(Bill, Balance, Balance).Sample((bill, ownBalance, familyBalance) =>
        {
            // Given accounts holding these balances (none where the balance is null)
            var balances = new Dictionary<AccountId, long>();
            if (ownBalance is { } o)
            {
                balances[LedgerData.Own] = o;
            }

            if (familyBalance is { } f)
            {
                balances[LedgerData.Family] = f;
            }

            // When the settlement posts every leg it asks for
            var settlement = Settlement.Start(LedgerData.Plan(bill, ownBalance is not null, familyBalance is not null));
            while (settlement.NextLeg() is { } leg)
            {
                var result = AccountRules.Apply(balances[leg.Account], leg.Posting);
                Assert.Null(result.Refusal);
                balances[leg.Account] = result.BalanceAfterFen;
                settlement = settlement.Record(leg, result.AppliedFen);
            }

            var completed = settlement.Finish();

            // Then it pays the bill exactly, from the accounts as far as they held, and the rest in cash
            Assert.Equal(bill, completed.Split.TotalFen);
            Assert.Equal(SettlementSplit.Of(bill, ownBalance, familyBalance), completed.Split);
            Assert.Equal(ownBalance - completed.OwnFen, ownBalance is null ? null : balances[LedgerData.Own]);
            Assert.Equal(familyBalance - completed.FamilyFen, familyBalance is null ? null : balances[LedgerData.Family]);
        });
    }

    [Fact]
    public void Whatever_each_debit_takes_within_its_cap_the_split_adds_up_to_the_bill_with_no_negative_part()
    {
        Gen.Select(Bill, Gen.Double[0, 1], Gen.Double[0, 1]).Sample((bill, ownShare, familyShare) =>
        {
            var settlement = Settlement.Start(LedgerData.Plan(bill));
            while (settlement.NextLeg() is { } leg)
            {
                var cap = -leg.Posting.AmountFen;
                var share = leg.Name == Settlement.OwnLeg ? ownShare : familyShare;
                settlement = settlement.Record(leg, -(long)Math.Floor(cap * share));
            }

            var split = settlement.Finish().Split;

            Assert.Equal(bill, split.TotalFen);
            Assert.True(split.OwnAccountFen >= 0 && split.FamilyAccountFen >= 0 && split.CashFen >= 0);
        });
    }
}
