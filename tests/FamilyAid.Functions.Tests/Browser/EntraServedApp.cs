using FamilyAid.Functions.Callers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace FamilyAid.Functions.Tests.Browser;

/// <summary>The served app with <paramref name="authority"/> as its OpenID Connect authority and the console as that
/// authority's public client; the authority's metadata (its issuer and signing key) is given, not fetched.</summary>
public sealed class EntraServedApp(FakeAuthority authority) : ServedApp
{
    protected override void Adjust(Dictionary<string, string?> settings)
    {
        base.Adjust(settings);
        settings["Auth:Oidc:Authority"] = authority.Authority;
        settings["Auth:Oidc:Audience"] = FakeAuthority.Audience;
        settings["Auth:Oidc:ClientId"] = FakeAuthority.ClientId;
        settings["Auth:Oidc:Scope"] = FakeAuthority.Scope;
        settings["Auth:Oidc:RegionClaim"] = FakeAuthority.RegionClaim;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Configure<JwtBearerOptions>(OidcReviewers.Scheme, options =>
        {
            var metadata = new OpenIdConnectConfiguration { Issuer = authority.Authority };
            metadata.SigningKeys.Add(authority.Key);
            options.Configuration = metadata;
        }));
    }
}
