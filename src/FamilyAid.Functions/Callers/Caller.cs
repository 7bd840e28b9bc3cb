using System.Security.Claims;

namespace FamilyAid.Functions.Callers;

/// <summary>Who is calling, from a validated token.</summary>
public sealed record Caller(string Id, CallerRole Role, string? Region, string? Institution)
{
    /// <summary>Claim names as docs/API.md spells them (inbound claim mapping is off).</summary>
    public const string SubClaim = "sub";

    /// <summary>The role claim.</summary>
    public const string RoleClaim = "role";

    /// <summary>The reviewer's region claim.</summary>
    public const string RegionClaim = "region";

    /// <summary>The institution's id claim.</summary>
    public const string InstitutionClaim = "institution";

    /// <summary>Reads a caller from claims; null when the claims do not make a caller docs/API.md allows.</summary>
    public static Caller? From(ClaimsPrincipal principal)
    {
        var sub = principal.FindFirst(SubClaim)?.Value;
        if (string.IsNullOrWhiteSpace(sub) || sub.Length > 128)
        {
            return null;
        }

        var roles = principal.FindAll(RoleClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        CallerRole role;
        switch (roles)
        {
            case []:
                role = CallerRole.Applicant;
                break;
            case [var only] when TryParseRole(only, out var parsed):
                role = parsed;
                break;
            default:
                return null;
        }

        var region = principal.FindFirst(RegionClaim)?.Value;
        var institution = principal.FindFirst(InstitutionClaim)?.Value;
        return role switch
        {
            CallerRole.Reviewer when string.IsNullOrWhiteSpace(region) => null,
            CallerRole.Institution when string.IsNullOrWhiteSpace(institution) => null,
            _ => new Caller(sub, role, region, institution),
        };
    }

    private static bool TryParseRole(string text, out CallerRole role)
    {
        role = text switch
        {
            "applicant" => CallerRole.Applicant,
            "reviewer" => CallerRole.Reviewer,
            "institution" => CallerRole.Institution,
            "admin" => CallerRole.Admin,
            _ => (CallerRole)(-1),
        };
        return Enum.IsDefined(role);
    }
}
