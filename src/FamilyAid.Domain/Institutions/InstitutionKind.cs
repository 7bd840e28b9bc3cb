namespace FamilyAid.Domain.Institutions;

/// <summary>What a designated institution is.</summary>
public enum InstitutionKind
{
    /// <summary>定点医疗机构: a hospital or clinic; settles every covered category.</summary>
    Hospital,

    /// <summary>定点零售药店: a retail pharmacy; settles pharmacy bills only.</summary>
    Pharmacy,
}
