namespace FamilyAid.Functions.Ledger;

/// <summary>One line of an account's statement.</summary>
public sealed record LedgerEntry(long Sequence, long AmountFen, long BalanceAfterFen, string Reason, string? Reference, DateTimeOffset At);
