namespace FamilyAid.Functions.Callers;

/// <summary>The kinds of caller docs/API.md knows; any other role claim is refused.</summary>
public enum CallerRole
{
    /// <summary>A mini-program user; <c>sub</c> is their insured person id.</summary>
    Applicant,

    /// <summary>A city agency reviewer; claim <c>region</c>.</summary>
    Reviewer,

    /// <summary>A hospital or pharmacy; claim <c>institution</c>.</summary>
    Institution,

    /// <summary>Stands in for the provincial platform.</summary>
    Admin,
}
