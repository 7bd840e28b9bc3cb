namespace FamilyAid.Domain.Ledger;

/// <summary>Why a posting was not made.</summary>
public enum PostingRefusal
{
    /// <summary>The debit is larger than the balance: balances never go negative.</summary>
    InsufficientBalance,

    /// <summary>A posting of nothing.</summary>
    ZeroAmount,

    /// <summary>The quota's relationship has ended: it cannot be set again.</summary>
    QuotaClosed,
}
