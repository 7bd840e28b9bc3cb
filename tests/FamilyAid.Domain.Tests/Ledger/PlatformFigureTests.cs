using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

public sealed class PlatformFigureTests
{
    private const string Key = "platform/change-1";

    [Fact]
    public void The_first_figure_opens_the_account_and_owes_nothing()
    {
        // Given a person not on record yet
        // When the platform reports their first figure
        var decision = PlatformFigure.Report(previousFen: null, reportedFen: 80_000, balanceFen: null, Key);

        // Then the ledger is owed nothing (the account opens with the figure)
        Assert.Equal(new PlatformFigureDecision(null, null), decision);
    }

    [Fact]
    public void The_same_figure_again_owes_nothing()
    {
        // Given a figure on record
        // When the platform reports it again
        var decision = PlatformFigure.Report(50_000, 50_000, balanceFen: 20_000, Key);

        // Then nothing is owed
        Assert.Equal(new PlatformFigureDecision(null, null), decision);
    }

    [Fact]
    public void A_higher_figure_owes_the_difference_whatever_the_balance()
    {
        // Given a figure of 500 yuan on record and a balance spent down to 0
        // When the platform reports 800 yuan
        var decision = PlatformFigure.Report(50_000, 80_000, balanceFen: 0, Key);

        // Then the ledger is owed a credit of the difference, under the change's key
        Assert.Equal(new PlatformFigureDecision(new PlatformAdjustment(Key, 30_000), null), decision);
    }

    [Theory]
    [InlineData(30_000)]
    [InlineData(50_000)]
    public void A_lower_figure_the_balance_covers_owes_a_debit_of_the_difference(long balanceFen)
    {
        // Given a figure of 500 yuan on record and a balance of at least the 300 yuan it drops by
        // When the platform reports 200 yuan
        var decision = PlatformFigure.Report(50_000, 20_000, balanceFen, Key);

        // Then the ledger is owed a debit of the difference
        Assert.Equal(new PlatformFigureDecision(new PlatformAdjustment(Key, -30_000), null), decision);
    }

    [Fact]
    public void A_lower_figure_that_takes_more_than_the_balance_holds_is_refused()
    {
        // Given a figure of 500 yuan on record, of which the family spent all but 299.99 yuan
        // When the platform reports 200 yuan (300 yuan less)
        var decision = PlatformFigure.Report(50_000, 20_000, balanceFen: 29_999, Key);

        // Then it is refused: the balance would go negative
        Assert.Equal(new PlatformFigureDecision(null, PostingRefusal.InsufficientBalance), decision);
    }

    [Theory]
    [InlineData(null, 10, false)]
    [InlineData(10L, 10, false)]
    [InlineData(10L, 11, false)]
    [InlineData(10L, 9, true)]
    public void Only_a_lower_figure_needs_the_balance(long? previousFen, long reportedFen, bool needed) =>
        // Given a figure on record (or none), When a figure arrives, Then the balance is read only if it takes money away
        Assert.Equal(needed, PlatformFigure.TakesAway(previousFen, reportedFen));
}
