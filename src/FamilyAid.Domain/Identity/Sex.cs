namespace FamilyAid.Domain.Identity;

/// <summary>Sex as encoded in digit 17 of a resident ID (odd male, even female).</summary>
public enum Sex
{
    Female,
    Male,
}
