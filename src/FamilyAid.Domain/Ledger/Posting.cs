namespace FamilyAid.Domain.Ledger;

/// <summary>One change to one account: a credit (positive) or a debit (negative) of <see cref="AmountFen"/>, under the
/// caller's idempotency key, with what it is for.</summary>
public sealed record Posting(string Key, long AmountFen, string Reason, string? Reference);

/// <summary>Why a posting was not made.</summary>
public enum PostingRefusal
{
    /// <summary>The debit is larger than the balance: balances never go negative.</summary>
    InsufficientBalance,

    /// <summary>A posting of nothing.</summary>
    ZeroAmount,
}

/// <summary>The rules of one account's balance.</summary>
public static class AccountRules
{
    /// <summary>The balance after <paramref name="posting"/>, or why it cannot be made.</summary>
    public static (long? Balance, PostingRefusal? Refusal) Apply(long balanceFen, Posting posting) =>
        posting.AmountFen == 0 ? (null, PostingRefusal.ZeroAmount)
        : balanceFen + posting.AmountFen < 0 ? (null, PostingRefusal.InsufficientBalance)
        : (checked(balanceFen + posting.AmountFen), null);
}
