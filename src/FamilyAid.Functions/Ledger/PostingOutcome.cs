using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Ledger;

/// <summary>What a posting did: the entry it made (or made before, on a replay), or why none.</summary>
/// <param name="Conflict">The key was used before with another amount, reason or reference.</param>
public sealed record PostingOutcome(LedgerEntry? Entry, PostingRefusal? Refusal, bool Replayed, bool Conflict);
