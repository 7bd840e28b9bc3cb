namespace FamilyAid.Functions.Insured;

/// <summary>A report that ended a person's insurance or moved its region owes the ending of every relationship that
/// person was in by <see cref="At"/>: kept as a row beside the person's record, written with the change.</summary>
/// <param name="Key">Unique per report (the row's key).</param>
/// <param name="Why">For the audit entry: "insurance ended", "insurance moved to another region".</param>
public sealed record RelationshipEndsOwed(string Key, DateTimeOffset At, string Why);
