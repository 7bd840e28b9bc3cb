using FamilyAid.Functions.Callers;

namespace FamilyAid.Functions.Web;

/// <summary><c>GET /api/{site}/sign-in.json</c>: how a page may sign people in here: the dev sign-in (Development only)
/// and the OpenID Connect authority's public client settings, when one is configured. A pasted token always works.</summary>
public sealed record SignInOptions(bool DevSignIn, string? Authority, string? ClientId, string? Scope)
{
    /// <summary>Where each site answers it.</summary>
    public const string Path = "sign-in.json";

    /// <summary>The options of this app.</summary>
    public static SignInOptions Of(IHostEnvironment environment, OidcSettings oidc) =>
        new(environment.IsDevelopment(), oidc.Authority, oidc.ClientId, oidc.Scope);
}
