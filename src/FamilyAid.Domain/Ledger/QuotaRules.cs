namespace FamilyAid.Domain.Ledger;

/// <summary>What a quota posting leaves: the account's balance, its reserved total and the quota after it, what moved
/// on the balance and on the reservation, or why nothing moved.</summary>
/// <param name="AppliedFen">The signed change of the balance (0 for a setting or a close: no money moves).</param>
/// <param name="ReservedChangeFen">The signed change of the reserved total.</param>
public readonly record struct QuotaResult(
    long BalanceAfterFen, long ReservedAfterFen, QuotaState QuotaAfter, long AppliedFen, long ReservedChangeFen, PostingRefusal? Refusal)
{
    /// <summary>Whether nothing changes (nothing to write but, for a spending or a release, the key; a setting to the
    /// same amount takes no key, so that the next real change is numbered as if it had not been asked).</summary>
    public bool ChangesNothing => AppliedFen == 0 && ReservedChangeFen == 0 && Refusal is null;
}

/// <summary>The rules of a sharer's account with quotas: the balance holds everything, the reserved total is the sum of
/// the quotas, and the sharer's own postings see only the balance minus the reserved total, which never goes negative.</summary>
public static class QuotaRules
{
    /// <summary>The unreserved balance: what the sharer may spend or move.</summary>
    public static long Unreserved(long balanceFen, long reservedFen) => balanceFen - reservedFen;

    /// <summary>An ordinary posting (not a quota's) against the unreserved part of the balance.</summary>
    public static PostingResult ApplyUnreserved(long balanceFen, long reservedFen, Posting posting)
    {
        var result = AccountRules.Apply(Unreserved(balanceFen, reservedFen), posting);
        return result with { BalanceAfterFen = result.BalanceAfterFen + reservedFen };
    }

    /// <summary>Applies <paramref name="posting"/>, whose <see cref="Posting.Quota"/> says which quota and how.</summary>
    public static QuotaResult Apply(long balanceFen, long reservedFen, QuotaState quota, Posting posting)
    {
        var leg = posting.Quota ?? throw new ArgumentException("Not a quota posting.", nameof(posting));
        if (reservedFen < 0 || balanceFen < reservedFen || quota.QuotaFen < 0 || quota.QuotaFen > reservedFen)
        {
            throw new ArgumentOutOfRangeException(nameof(reservedFen), "A reservation never exceeds the balance, nor a quota the reservation.");
        }

        return leg.Operation switch
        {
            QuotaOperation.Set => Set(balanceFen, reservedFen, quota, posting.AmountFen),
            QuotaOperation.Spend when !posting.UpToBalance && -posting.AmountFen > quota.QuotaFen =>
                new(balanceFen, reservedFen, quota, 0, 0, PostingRefusal.InsufficientBalance),
            QuotaOperation.Spend => Move(balanceFen, reservedFen, quota, -Math.Min(-posting.AmountFen, quota.QuotaFen)),
            QuotaOperation.Restore when quota.Closed => new(checked(balanceFen + posting.AmountFen), reservedFen, quota, posting.AmountFen, 0, null),
            QuotaOperation.Restore => Move(balanceFen, reservedFen, quota, posting.AmountFen),
            QuotaOperation.Close when quota.Closed => new(balanceFen, reservedFen, quota, 0, 0, null),
            QuotaOperation.Close => new(balanceFen, reservedFen - quota.QuotaFen, quota with { QuotaFen = 0, Closed = true }, 0, -quota.QuotaFen, null),
            _ => throw new ArgumentOutOfRangeException(nameof(posting), leg.Operation, null),
        };
    }

    private static QuotaResult Set(long balanceFen, long reservedFen, QuotaState quota, long targetFen)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetFen);
        var delta = targetFen - quota.QuotaFen;
        return quota.Closed ? new(balanceFen, reservedFen, quota, 0, 0, PostingRefusal.QuotaClosed)
            : delta == 0 ? new(balanceFen, reservedFen, quota, 0, 0, null)
            : delta > Unreserved(balanceFen, reservedFen) ? new(balanceFen, reservedFen, quota, 0, 0, PostingRefusal.InsufficientBalance)
            : new(balanceFen, reservedFen + delta, new QuotaState(targetFen, false, quota.Changes + 1), 0, delta, null);
    }

    // A spending (negative) or a restoring (positive) moves the balance, the reservation and the quota together.
    private static QuotaResult Move(long balanceFen, long reservedFen, QuotaState quota, long amountFen) =>
        new(checked(balanceFen + amountFen), reservedFen + amountFen, quota with { QuotaFen = quota.QuotaFen + amountFen }, amountFen, amountFen, null);
}
