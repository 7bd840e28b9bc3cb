using CsCheck;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>Up-to-balance postings: a debit takes what the balance allows instead of being refused.</summary>
public sealed class AccountRulesUpToBalanceTests
{
    private static Posting UpToBalance(long amountFen) => new("k", amountFen, "settlement", "settlement-1", UpToBalance: true);

    [Fact]
    public void An_up_to_balance_debit_takes_the_smaller_of_the_amount_asked_and_the_balance()
    {
        Gen.Select(Gen.Long[0, 1_000_000], Gen.Long[1, 2_000_000]).Sample((balance, asked) =>
        {
            var (after, applied, refusal) = AccountRules.Apply(balance, UpToBalance(-asked));

            Assert.Null(refusal);
            Assert.Equal(-Math.Min(asked, balance), applied);
            Assert.Equal(balance + applied, after);
            Assert.True(after >= 0);
        });
    }

    [Theory]
    [InlineData(10_000, 3_000, -3_000, 7_000)]
    [InlineData(3_000, 10_000, -3_000, 0)]
    [InlineData(10_000, 10_000, -10_000, 0)]
    [InlineData(1, 1, -1, 0)]
    public void Examples(long balance, long asked, long applied, long after) =>
        Assert.Equal(new PostingResult(after, applied, null), AccountRules.Apply(balance, UpToBalance(-asked)));

    [Theory]
    [InlineData(1)]
    [InlineData(10_000)]
    [InlineData(long.MaxValue)]
    public void An_up_to_balance_debit_of_an_empty_account_moves_nothing_and_is_not_refused(long asked)
    {
        var result = AccountRules.Apply(0, UpToBalance(-asked));

        Assert.Equal(new PostingResult(0, 0, null), result);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5_000, -5_000)]
    public void An_up_to_balance_debit_of_the_smallest_long_takes_the_whole_balance(long balance, long applied) =>
        Assert.Equal(new PostingResult(0, applied, null), AccountRules.Apply(balance, new Posting("k", long.MinValue, "test", null, UpToBalance: true)));

    [Fact]
    public void An_up_to_balance_credit_is_a_plain_credit()
    {
        Gen.Select(Gen.Long[0, 1_000_000], Gen.Long[1, 2_000_000]).Sample((balance, amount) =>
        {
            var plain = AccountRules.Apply(balance, new Posting("k", amount, "refund", null));

            var upToBalance = AccountRules.Apply(balance, UpToBalance(amount));

            Assert.Equal(plain, upToBalance);
            Assert.Equal(new PostingResult(balance + amount, amount, null), upToBalance);
        });
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(0, true)]
    [InlineData(5_000, false)]
    [InlineData(5_000, true)]
    public void A_posting_of_nothing_is_refused_up_to_balance_or_not(long balance, bool upToBalance)
    {
        var result = AccountRules.Apply(balance, new Posting("k", 0, "settlement", null, upToBalance));

        Assert.Equal(PostingResult.Refused(balance, PostingRefusal.ZeroAmount), result);
    }

    [Fact]
    public void A_plain_debit_larger_than_the_balance_is_still_refused()
    {
        var result = AccountRules.Apply(3_000, new Posting("k", -10_000, "transfer-out", null));

        Assert.Equal(PostingResult.Refused(3_000, PostingRefusal.InsufficientBalance), result);
    }

    [Fact]
    public void A_negative_balance_is_not_a_balance() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AccountRules.Apply(-1, UpToBalance(-1)));
}
