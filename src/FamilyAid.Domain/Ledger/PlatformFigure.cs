namespace FamilyAid.Domain.Ledger;

/// <summary>What a new personal-account figure from the provincial platform owes the ledger: an adjustment, nothing,
/// or a refusal.</summary>
public sealed record PlatformFigureDecision(PlatformAdjustment? Adjustment, PostingRefusal? Refusal);

/// <summary>The platform reports each insured person's personal-account balance; the ledger keeps the balance of
/// record. The first figure opens the account; each later, different figure is owed to the ledger as the difference.</summary>
public static class PlatformFigure
{
    /// <summary>Whether <paramref name="reportedFen"/> takes money away from the figure on record, so that the
    /// account's balance is needed to decide.</summary>
    public static bool TakesAway(long? previousFen, long reportedFen) => reportedFen < previousFen;

    /// <summary>Decides what <paramref name="reportedFen"/> owes the ledger.</summary>
    /// <param name="previousFen">The figure on record; null for a person not on record yet (their account opens with
    /// the figure, so nothing is owed).</param>
    /// <param name="reportedFen">The new figure.</param>
    /// <param name="balanceFen">The account's balance, when the figure takes money away.</param>
    /// <param name="key">The adjustment's posting key, unique per change.</param>
    /// <remarks>A figure that takes away more than the account holds is refused: family spending since the last figure
    /// used the difference, and a balance never goes negative.</remarks>
    public static PlatformFigureDecision Report(long? previousFen, long reportedFen, long? balanceFen, string key)
    {
        if (previousFen is not { } previous || previous == reportedFen)
        {
            return new(null, null);
        }

        var deltaFen = reportedFen - previous;
        return deltaFen < 0 && balanceFen + deltaFen < 0
            ? new(null, PostingRefusal.InsufficientBalance)
            : new(new PlatformAdjustment(key, deltaFen), null);
    }
}
