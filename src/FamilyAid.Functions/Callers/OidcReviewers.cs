using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FamilyAid.Functions.Callers;

/// <summary>The second bearer scheme: tokens of the <see cref="OidcSettings"/> authority, mapped to reviewer callers.</summary>
public static class OidcReviewers
{
    /// <summary>The scheme's name.</summary>
    public const string Scheme = "oidc";

    /// <summary>Whether the request's bearer token names the authority as its issuer (read unvalidated, only to pick the
    /// scheme that then validates it).</summary>
    public static bool Sent(HttpContext context, OidcSettings oidc)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (oidc.Authority is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var handler = new JsonWebTokenHandler();
        var token = header["Bearer ".Length..].Trim();
        return handler.CanReadToken(token) && handler.ReadJsonWebToken(token).Issuer == oidc.Issuer;
    }

    /// <summary>Validation against the authority's metadata, then the mapping to a caller.</summary>
    public static void Configure(JwtBearerOptions options, OidcSettings oidc)
    {
        options.MapInboundClaims = false;
        options.Authority = oidc.Authority;
        options.RequireHttpsMetadata = true;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = oidc.Issuer,
            ValidAudience = oidc.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (Map(context.Principal!, oidc) is { } caller)
                {
                    context.Principal = caller;
                }
                else
                {
                    context.Fail("The authority's token names no reviewer role and region.");
                }

                return Task.CompletedTask;
            },
            OnChallenge = CallerAuthentication.Challenge,
        };
    }

    /// <summary>The authority's principal as the claims <see cref="Caller.From"/> reads, or null when it is no reviewer
    /// of one region.</summary>
    public static ClaimsPrincipal? Map(ClaimsPrincipal principal, OidcSettings oidc)
    {
        var sub = principal.FindFirst(oidc.SubjectClaim)?.Value;
        var reviewer = principal.FindAll(oidc.RoleClaim).Any(c => c.Value == oidc.ReviewerRole);
        var regions = principal.FindAll(oidc.RegionClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        if (string.IsNullOrWhiteSpace(sub) || !reviewer || regions is not [var region] || string.IsNullOrWhiteSpace(region))
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            [new(Caller.SubClaim, sub), new(Caller.RoleClaim, "reviewer"), new(Caller.RegionClaim, region)],
            Scheme, Caller.SubClaim, Caller.RoleClaim);
        return Caller.From(new ClaimsPrincipal(identity)) is null ? null : new ClaimsPrincipal(identity);
    }
}
