namespace FamilyAid.Domain.Ledger;

/// <summary>One posting of a money movement to one account; the posting's key, derived from the movement's id, makes
/// it happen at most once however often the movement is run.</summary>
public sealed record Leg(string Name, AccountId Account, Posting Posting);
