namespace FamilyAid.Domain.Insurance;

/// <summary>What the rules need to know of an insured person; the ID number itself stays at the edge.</summary>
public sealed record InsuredPerson(
    string Id,
    string Name,
    DateOnly BirthDate,
    InsuranceType InsuranceType,
    InsuranceStatus Status,
    string Region)
{
    /// <summary>May authorize family sharing: employee insured, status normal.</summary>
    public bool MayAuthorizeSharing => InsuranceType == InsuranceType.Employee && Status == InsuranceStatus.Normal;

    /// <summary>Insured and in force, of either kind.</summary>
    public bool IsInsured => Status == InsuranceStatus.Normal;
}
