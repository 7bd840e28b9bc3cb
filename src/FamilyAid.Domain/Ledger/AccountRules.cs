namespace FamilyAid.Domain.Ledger;

/// <summary>The rules of one account's balance.</summary>
public static class AccountRules
{
    /// <summary>The balance after <paramref name="posting"/>, or why it cannot be made.</summary>
    public static PostingResult Apply(long balanceFen, Posting posting)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(balanceFen);
        if (posting.AmountFen == 0)
        {
            return PostingResult.Refused(balanceFen, PostingRefusal.ZeroAmount);
        }

        // Compared as posting < -balance: negating the posting would overflow at long.MinValue.
        var applied = posting.UpToBalance && posting.AmountFen < -balanceFen ? -balanceFen : posting.AmountFen;
        return balanceFen + applied < 0
            ? PostingResult.Refused(balanceFen, PostingRefusal.InsufficientBalance)
            : new PostingResult(checked(balanceFen + applied), applied, null);
    }
}
