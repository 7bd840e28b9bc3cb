using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Callers;

/// <summary>Reviewer sign-in through an OpenID Connect authority (Microsoft Entra ID), accepted beside the local tokens:
/// its tokens are validated with the authority's published keys and mapped to a reviewer caller.</summary>
/// <param name="Authority"><c>Auth:Oidc:Authority</c>, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>; null: off.</param>
/// <param name="Issuer"><c>Auth:Oidc:Issuer</c>: the tokens' <c>iss</c> (the authority by default, as Entra v2 issues).</param>
/// <param name="Audience"><c>Auth:Oidc:Audience</c>: the API's application id URI or client id the tokens are issued for.</param>
/// <param name="ClientId"><c>Auth:Oidc:ClientId</c>: the console's own (SPA) registration, which signs reviewers in.</param>
/// <param name="Scope"><c>Auth:Oidc:Scope</c>: the scope the console asks for (the API's, e.g. <c>api://…/review</c>).</param>
/// <param name="SubjectClaim"><c>Auth:Oidc:SubjectClaim</c>: the reviewer's stable id (<c>oid</c>).</param>
/// <param name="RoleClaim"><c>Auth:Oidc:RoleClaim</c>: where app roles are (<c>roles</c>).</param>
/// <param name="ReviewerRole"><c>Auth:Oidc:ReviewerRole</c>: the app role that makes a reviewer (<c>reviewer</c>).</param>
/// <param name="RegionClaim"><c>Auth:Oidc:RegionClaim</c>: the claim naming the region reviewed (a directory extension
/// attribute emitted as an optional claim, e.g. <c>extn.region</c>).</param>
public sealed record OidcSettings(
    string? Authority, string Issuer, string Audience, string? ClientId, string? Scope,
    string SubjectClaim, string RoleClaim, string ReviewerRole, string RegionClaim)
{
    /// <summary>Reads and checks the <c>Auth:Oidc</c> settings; only the authority and the audience have no default.</summary>
    public static OidcSettings Read(IConfiguration config)
    {
        var authority = config["Auth:Oidc:Authority"];
        if (string.IsNullOrWhiteSpace(authority))
        {
            return new(null, "", "", null, null, "oid", "roles", "reviewer", "region");
        }

        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw SettingsReader.Bad("Auth:Oidc:Authority", "must be an https URL");
        }

        return new(
            authority,
            config["Auth:Oidc:Issuer"] is { Length: > 0 } issuer ? issuer : authority,
            SettingsReader.Required(config, "Auth:Oidc:Audience"),
            config["Auth:Oidc:ClientId"],
            config["Auth:Oidc:Scope"],
            config["Auth:Oidc:SubjectClaim"] ?? "oid",
            config["Auth:Oidc:RoleClaim"] ?? "roles",
            config["Auth:Oidc:ReviewerRole"] ?? "reviewer",
            config["Auth:Oidc:RegionClaim"] ?? "region");
    }
}
