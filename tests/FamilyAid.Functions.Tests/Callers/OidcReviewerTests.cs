using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using FamilyAid.Functions.Callers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace FamilyAid.Functions.Tests.Callers;

/// <summary>Reviewers signed in by an OpenID Connect authority (Entra ID): its tokens are accepted beside the local ones
/// and mapped to a reviewer of the region its claim names. A key made here stands in for the authority's published
/// keys (no network).</summary>
public sealed class OidcReviewerTests(OidcReviewerTests.EntraApp app) : IClassFixture<OidcReviewerTests.EntraApp>
{
    private const string Authority = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0";
    private const string Audience = "api://familyaid";

    private static readonly RsaSecurityKey AuthorityKey = new(RSA.Create(2048)) { KeyId = "authority-key" };

    [Fact]
    public async Task A_reviewer_of_the_authority_reads_the_queue_of_the_region_its_claim_names()
    {
        // Given a guangdong request in review and a token the authority issued to a guangdong reviewer
        var id = await Workflow.WorkflowSteps.InReview(app) is var (_, _, bindingId) ? bindingId : null;
        using var reviewer = Client(Token(roles: ["reviewer"], region: "guangdong"));

        // When the reviewer reads the queue and the request
        // Then both answer, as to a reviewer of guangdong
        await Api.Eventually(async () => (await reviewer.GetStringAsync("/api/review/queue")).Contains(id!, StringComparison.Ordinal), "the request queued");
        await Api.Expect(await reviewer.GetAsync($"/api/review/bindings/{id}"), HttpStatusCode.OK);
        using var gansu = Client(Token(roles: ["reviewer"], region: "gansu"));
        await Api.ExpectProblem(await gansu.GetAsync($"/api/review/bindings/{id}"), HttpStatusCode.NotFound, "not-found");

        // And the local tokens still work beside them
        await Api.Expect(await app.Reviewer("guangdong").GetAsync("/api/review/queue"), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("other-key")]
    [InlineData("no-role")]
    [InlineData("no-region")]
    [InlineData("two-regions")]
    [InlineData("other-audience")]
    public async Task Any_other_token_of_the_authority_is_refused(string flaw)
    {
        // Given a token of the authority with one flaw
        var token = flaw switch
        {
            "other-key" => Token(roles: ["reviewer"], region: "guangdong", key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "authority-key" }),
            "no-role" => Token(roles: [], region: "guangdong"),
            "no-region" => Token(roles: ["reviewer"], region: null),
            "two-regions" => Token(roles: ["reviewer"], region: "guangdong", secondRegion: "gansu"),
            _ => Token(roles: ["reviewer"], region: "guangdong", audience: "api://someone-else"),
        };

        // When it is used
        using var caller = Client(token);

        // Then it is no caller at all
        await Api.ExpectProblem(await caller.GetAsync("/api/review/queue"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    private HttpClient Client(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Token(string[] roles, string? region, SecurityKey? key = null, string audience = Audience, string? secondRegion = null)
    {
        var claims = new List<Claim> { new("oid", "7d1c0000-0000-0000-0000-00000000abcd"), new("name", "审核员 张") };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        claims.AddRange(new[] { region, secondRegion }.OfType<string>().Select(r => new Claim("extn.region", r)));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(key ?? AuthorityKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The app with the authority configured; its metadata is given here instead of fetched.</summary>
    public sealed class EntraApp : PrivateApp
    {
        protected override void Adjust(Dictionary<string, string?> settings)
        {
            base.Adjust(settings);
            settings["Auth:Oidc:Authority"] = Authority;
            settings["Auth:Oidc:Audience"] = Audience;
            settings["Auth:Oidc:RegionClaim"] = "extn.region";
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Configure<JwtBearerOptions>(OidcReviewers.Scheme, options =>
            {
                var metadata = new OpenIdConnectConfiguration { Issuer = Authority };
                metadata.SigningKeys.Add(AuthorityKey);
                options.Configuration = metadata;
            }));
        }
    }
}
