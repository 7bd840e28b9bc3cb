namespace FamilyAid.Functions.Ledger;

/// <summary>One line of an account's statement.</summary>
/// <param name="ReservedChangeFen">The change of the part reserved for relatives' quotas (共济额度): a setting or a
/// release moves it and not the balance; a quota spending moves both.</param>
/// <param name="ReservedAfterFen">The reserved part after the line.</param>
public sealed record LedgerEntry(
    long Sequence, long AmountFen, long BalanceAfterFen, string Reason, string? Reference, DateTimeOffset At, long ReservedChangeFen = 0, long ReservedAfterFen = 0);
