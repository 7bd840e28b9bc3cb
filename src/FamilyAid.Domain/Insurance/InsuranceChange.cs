namespace FamilyAid.Domain.Insurance;

/// <summary>What a new report of an insured person means for the relationships they are in.</summary>
public static class InsuranceChange
{
    /// <summary>Why every relationship of the person ends with this report, or null when they go on: the 2026 rules
    /// end them when the person's insurance ends (is no longer in force) or moves to another pooling region (统筹地区).</summary>
    /// <param name="before">The person as on record; null for a first report (they are in no relationship yet).</param>
    public static string? EndsRelationships(InsuredPerson? before, InsuranceStatus status, string region) => before switch
    {
        null => null,
        { IsInsured: true } when status != InsuranceStatus.Normal => "insurance ended",
        _ when !string.Equals(before.Region, region, StringComparison.Ordinal) => "insurance moved to another region",
        _ => null,
    };
}
