namespace FamilyAid.Domain.Insurance;

/// <summary>Whether the insurance is currently in force.</summary>
public enum InsuranceStatus
{
    /// <summary>参保正常.</summary>
    Normal,

    /// <summary>暂停/中断: contributions stopped; may not share or be shared with.</summary>
    Suspended,
}
