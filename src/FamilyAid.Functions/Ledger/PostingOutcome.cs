using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Ledger;

/// <summary>What a posting did: the entry it made (or made before, on a replay) and the amount it moved, or why none.</summary>
/// <param name="Entry">Null when refused, on a conflict, or when an up-to-balance debit found the account empty.</param>
/// <param name="AppliedFen">The signed amount moved (less than asked only for an up-to-balance debit).</param>
/// <param name="Conflict">The key was used before with another amount, reason or reference.</param>
public sealed record PostingOutcome(LedgerEntry? Entry, long AppliedFen, PostingRefusal? Refusal, bool Replayed, bool Conflict);
