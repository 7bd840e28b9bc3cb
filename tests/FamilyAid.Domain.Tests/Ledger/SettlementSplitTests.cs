using CsCheck;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

public sealed class SettlementSplitTests
{
    private static readonly Gen<long> Bill = Gen.Long[1, 5_000_000];
    private static readonly Gen<long?> Balance = Gen.Frequency((3, Gen.Long[0, 5_000_000].Select(b => (long?)b)), (1, Gen.Const((long?)null)));

    [Fact]
    public void The_parts_add_up_to_the_bill_none_is_negative_and_no_account_pays_more_than_it_holds()
    {
        Gen.Select(Bill, Balance, Balance).Sample((bill, own, family) =>
        {
            var split = SettlementSplit.Of(bill, own, family);

            Assert.Equal(bill, split.TotalFen);
            Assert.InRange(split.OwnAccountFen, 0, own ?? 0);
            Assert.InRange(split.FamilyAccountFen, 0, family ?? 0);
            Assert.True(split.CashFen >= 0);
        });
    }

    [Fact]
    public void The_own_account_pays_first_and_cash_only_what_the_accounts_could_not()
    {
        Gen.Select(Bill, Balance, Balance).Sample((bill, own, family) =>
        {
            var split = SettlementSplit.Of(bill, own, family);

            // The family account is touched only once the member's own account is empty or the bill is covered.
            Assert.True(split.FamilyAccountFen == 0 || split.OwnAccountFen == (own ?? 0));
            // Cash is paid only when both accounts are drained.
            Assert.True(split.CashFen == 0 || (split.OwnAccountFen == (own ?? 0) && split.FamilyAccountFen == (family ?? 0)));
        });
    }

    [Theory]
    [InlineData(10_000, 3_000L, 20_000L, 3_000, 7_000, 0)]
    [InlineData(10_000, null, 4_000L, 0, 4_000, 6_000)]
    [InlineData(10_000, 50_000L, 20_000L, 10_000, 0, 0)]
    [InlineData(10_000, 0L, 0L, 0, 0, 10_000)]
    [InlineData(10_000, null, null, 0, 0, 10_000)]
    public void Examples(long bill, long? own, long? family, long ownPart, long familyPart, long cash) =>
        Assert.Equal(new SettlementSplit(ownPart, familyPart, cash), SettlementSplit.Of(bill, own, family));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_bill_must_be_positive(long bill) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SettlementSplit.Of(bill, 100, 100));

    [Theory]
    [InlineData(SpendingCategory.Outpatient, true)]
    [InlineData(SpendingCategory.Inpatient, true)]
    [InlineData(SpendingCategory.Pharmacy, true)]
    [InlineData(SpendingCategory.Wellness, false)]
    [InlineData(SpendingCategory.Fitness, false)]
    [InlineData(SpendingCategory.PublicHealth, false)]
    public void Public_health_fitness_and_wellness_are_never_covered(SpendingCategory category, bool covered)
    {
        Assert.Equal(covered, SettlementSplit.Covers(category, residentPremiumCovered: true));
        Assert.Equal(covered, SettlementSplit.Covers(category, residentPremiumCovered: false));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_relatives_resident_premium_follows_the_policy_flag(bool flag) =>
        Assert.Equal(flag, SettlementSplit.Covers(SpendingCategory.ResidentPremium, flag));
}

public sealed class AccountRulesTests
{
    [Fact]
    public void A_posting_never_takes_a_balance_below_zero_and_otherwise_adds_exactly()
    {
        Gen.Select(Gen.Long[0, 1_000_000], Gen.Long[-2_000_000, 2_000_000]).Sample((balance, amount) =>
        {
            var (after, applied, refusal) = AccountRules.Apply(balance, new Posting("k", amount, "test", null));

            if (amount == 0)
            {
                Assert.Equal(PostingRefusal.ZeroAmount, refusal);
            }
            else if (balance + amount < 0)
            {
                Assert.Equal(PostingRefusal.InsufficientBalance, refusal);
                Assert.Equal(balance, after);
                Assert.Equal(0, applied);
            }
            else
            {
                Assert.Null(refusal);
                Assert.Equal(balance + amount, after);
                Assert.Equal(amount, applied);
            }
        });
    }
}
