namespace FamilyAid.Domain.Identity;

/// <summary>Sex as encoded in digit 17 of a resident ID (odd male, even female).</summary>
public enum Sex
{
    /// <summary>Even digit 17.</summary>
    Female,

    /// <summary>Odd digit 17.</summary>
    Male,
}
