namespace FamilyAid.Domain.Ledger;

/// <summary>One change to one account: a credit (positive) or a debit (negative) of <see cref="AmountFen"/>, under the
/// caller's idempotency key, with what it is for.</summary>
/// <param name="UpToBalance">A debit that takes what the balance allows, down to nothing, instead of being refused
/// (a settlement leg: the rest of the bill is paid by the next account or in cash).</param>
/// <param name="Final">A refusal is final: it is kept under the key, so a later run of the same step (a retry, recovery)
/// is refused too instead of posting after a top-up what an earlier run already reported refused (a transfer's
/// debit). Without it a refused key stays free, so that the caller may try again once the money is there.</param>
/// <param name="Quota">A posting to one relative's quota inside the account (<see cref="QuotaRules"/>); null for the
/// account's own, unreserved money.</param>
public sealed record Posting(
    string Key, long AmountFen, string Reason, string? Reference, bool UpToBalance = false, bool Final = false, QuotaLeg? Quota = null);
