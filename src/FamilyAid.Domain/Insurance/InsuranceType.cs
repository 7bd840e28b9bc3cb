namespace FamilyAid.Domain.Insurance;

/// <summary>Which basic medical insurance a person holds.</summary>
public enum InsuranceType
{
    /// <summary>职工医保: has a personal account.</summary>
    Employee,

    /// <summary>城乡居民医保: no personal account.</summary>
    Resident,
}
