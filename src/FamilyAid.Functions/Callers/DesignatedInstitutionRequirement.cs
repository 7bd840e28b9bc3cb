using Microsoft.AspNetCore.Authorization;

namespace FamilyAid.Functions.Callers;

/// <summary>Part of the <see cref="Policies.Institution"/> policy: the token's institution is designated (定点) and valid
/// today. Met by the institution registry's handler; a caller refused only for this gets 403
/// <c>institution-not-designated</c> (<see cref="PolicyRefusals"/>).</summary>
public sealed class DesignatedInstitutionRequirement : IAuthorizationRequirement
{
    /// <summary>The problem code of a refusal for this requirement alone.</summary>
    public const string Code = "institution-not-designated";
}
