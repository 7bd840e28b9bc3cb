namespace FamilyAid.Domain.Ledger;

/// <summary>The ledger posting a change of the platform's balance figure owes, kept on the insured record with the
/// figure so that the two cannot part: whichever upsert comes next posts it (again, harmlessly, by its key) first.</summary>
/// <param name="Key">The posting's idempotency key, unique per change.</param>
/// <param name="DeltaFen">New figure minus old.</param>
public sealed record PlatformAdjustment(string Key, long DeltaFen);
