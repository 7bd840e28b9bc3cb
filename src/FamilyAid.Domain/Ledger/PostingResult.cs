namespace FamilyAid.Domain.Ledger;

/// <summary>What applying a posting to a balance gives: the new balance and the amount actually moved, or a refusal.</summary>
/// <param name="AppliedFen">Signed like the posting; less than asked only for an up-to-balance debit, and 0 when that
/// found the account empty.</param>
public readonly record struct PostingResult(long BalanceAfterFen, long AppliedFen, PostingRefusal? Refusal)
{
    /// <summary>A refused posting: nothing moves.</summary>
    public static PostingResult Refused(long balanceFen, PostingRefusal refusal) => new(balanceFen, 0, refusal);
}
