namespace FamilyAid.Domain.Ledger;

/// <summary>One change to one account: a credit (positive) or a debit (negative) of <see cref="AmountFen"/>, under the
/// caller's idempotency key, with what it is for.</summary>
/// <param name="UpToBalance">A debit that takes what the balance allows, down to nothing, instead of being refused
/// (a settlement leg: the rest of the bill is paid by the next account or in cash).</param>
public sealed record Posting(string Key, long AmountFen, string Reason, string? Reference, bool UpToBalance = false);
