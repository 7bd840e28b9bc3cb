namespace FamilyAid.Domain.Ledger;

/// <summary>One relative's 共济额度 (quota) as its sharer's account holds it: the part of the sharer's balance reserved
/// for that relative, whether it was closed (the relationship ended), and how many times it was set.</summary>
/// <param name="Changes">Counts the sharer's settings of it: the next setting's posting key is numbered by it.</param>
public sealed record QuotaState(long QuotaFen, bool Closed, long Changes)
{
    /// <summary>A quota never set: nothing reserved.</summary>
    public static readonly QuotaState None = new(0, false, 0);
}

/// <summary>What a posting does to a quota.</summary>
public enum QuotaOperation
{
    /// <summary>The sharer sets the quota to the posting's amount: the difference moves between the unreserved balance
    /// and the quota (no money leaves the account).</summary>
    Set,

    /// <summary>The relative spends from the quota: a debit of the account's balance and of the quota, up to the quota.</summary>
    Spend,

    /// <summary>A refund of a quota spending: back into the quota, or into the unreserved balance once it is closed.</summary>
    Restore,

    /// <summary>The relationship ended: whatever the quota still holds returns to the unreserved balance, for good.</summary>
    Close,
}

/// <summary>The quota part of a posting: whose quota (the relationship's id) and what the posting does to it.</summary>
public sealed record QuotaLeg(string RelationshipId, QuotaOperation Operation);
