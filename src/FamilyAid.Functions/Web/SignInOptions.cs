using FamilyAid.Functions.Callers;

namespace FamilyAid.Functions.Web;

/// <summary><c>GET /api/{site}/sign-in.json</c>: how a page may sign people in here: the dev sign-in (Development only)
/// and the OpenID Connect authority's public client settings, when one is configured. A pasted token always works.</summary>
/// <param name="Authority">The authority the page redirects to (authorization code with PKCE); null: none.</param>
/// <param name="ClientId">The page's own public client (SPA) registration at the authority.</param>
/// <param name="Scope">The API's scope the page asks an access token for (beside <c>openid</c>).</param>
/// <param name="SubjectClaim">Where the authority's token names the reviewer (shown, as the API reads it).</param>
/// <param name="RoleClaim">Where its app roles are.</param>
/// <param name="ReviewerRole">The app role of a reviewer.</param>
/// <param name="RegionClaim">The claim that names the region reviewed.</param>
public sealed record SignInOptions(
    bool DevSignIn, string? Authority, string? ClientId, string? Scope,
    string SubjectClaim = "oid", string RoleClaim = "roles", string ReviewerRole = "reviewer", string RegionClaim = "region")
{
    /// <summary>Where each site answers it.</summary>
    public const string Path = "sign-in.json";

    /// <summary>The options of this app.</summary>
    public static SignInOptions Of(IHostEnvironment environment, OidcSettings oidc) =>
        new(environment.IsDevelopment(), oidc.Authority, oidc.ClientId, oidc.Scope, oidc.SubjectClaim, oidc.RoleClaim, oidc.ReviewerRole, oidc.RegionClaim);
}
