using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FamilyAid.Functions.Tests.Browser;

/// <summary>A stand-in OpenID Connect authority (as Microsoft Entra ID answers a single-page application) on an https
/// loopback port with a self-signed certificate: discovery, <c>/authorize</c> that signs the reviewer in at once and
/// redirects back with a code, and <c>/token</c> that redeems the code once, only with the PKCE verifier of its S256
/// challenge, for RS256 id and access tokens signed with <see cref="Key"/> (which the app under test trusts).</summary>
public sealed class FakeAuthority : IAsyncDisposable
{
    public const string ClientId = "11111111-2222-3333-4444-555555555555";
    public const string Audience = "api://familyaid";
    public const string Scope = "api://familyaid/review";
    public const string RegionClaim = "extn.region";

    private static readonly string[] ReviewerRoles = ["reviewer"];

    private readonly ConcurrentDictionary<string, Grant> grants = new(StringComparer.Ordinal);
    private readonly WebApplication web;
    private readonly TimeSpan lifetime;

    private FakeAuthority(TimeSpan lifetime)
    {
        this.lifetime = lifetime;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(Certificate())));
        web = builder.Build();
        web.MapGet("/tenant/v2.0/.well-known/openid-configuration", (HttpContext http) => Cors(http, Results.Json(new Dictionary<string, string>
        {
            ["issuer"] = Authority, ["authorization_endpoint"] = $"{Authority}/authorize", ["token_endpoint"] = $"{Authority}/token",
            ["jwks_uri"] = $"{Authority}/keys",
        })));
        web.MapGet("/tenant/v2.0/authorize", (Func<HttpContext, IResult>)Authorize);
        web.MapPost("/tenant/v2.0/token", (Func<HttpContext, Task<IResult>>)Token);
    }

    /// <summary>The key the tokens are signed with.</summary>
    public RsaSecurityKey Key { get; } = new(RSA.Create(2048)) { KeyId = "fake-authority" };

    /// <summary>The authority, as <c>Auth:Oidc:Authority</c> names it (and its tokens' issuer).</summary>
    public string Authority { get; private set; } = "";

    /// <summary>The one redirect URI registered for the client.</summary>
    public string RedirectUri { get; set; } = "";

    /// <summary>Why the endpoints refused what they refused (empty: nothing).</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>The access tokens issued, in order.</summary>
    public ConcurrentQueue<string> AccessTokens { get; } = new();

    /// <summary>Starts it; its tokens live <paramref name="lifetime"/>.</summary>
    public static async Task<FakeAuthority> Start(TimeSpan lifetime)
    {
        var authority = new FakeAuthority(lifetime);
        await authority.web.StartAsync();
        authority.Authority = authority.web.Urls.First().TrimEnd('/') + "/tenant/v2.0";
        return authority;
    }

    public async ValueTask DisposeAsync() => await web.DisposeAsync();

    private IResult Authorize(HttpContext http)
    {
        var q = http.Request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || q["redirect_uri"] != RedirectUri
            || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["state"])
            || string.IsNullOrEmpty(q["nonce"]) || !(q["scope"].ToString().Split(' ') is var scopes && scopes.Contains("openid") && scopes.Contains(Scope)))
        {
            return Refuse($"authorize: {http.Request.QueryString}");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        grants[code] = new Grant(q["code_challenge"]!, q["nonce"]!);
        return Results.Redirect(QueryHelpers.AddQueryString(RedirectUri, new Dictionary<string, string?> { ["code"] = code, ["state"] = q["state"] }));
    }

    private async Task<IResult> Token(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var verifier = form["code_verifier"].ToString();
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["redirect_uri"] != RedirectUri
            || !grants.TryRemove(form["code"].ToString(), out var grant) || grant.Challenge != challenge)
        {
            return Cors(http, Refuse("token: no such code, or a verifier that does not match its challenge", "invalid_grant"));
        }

        var access = Sign(Audience, new()
        {
            ["oid"] = "7d1c0000-0000-0000-0000-00000000abcd", ["name"] = "审核员张", ["roles"] = ReviewerRoles, [RegionClaim] = "guangdong",
            ["scp"] = "review",
        });
        AccessTokens.Enqueue(access);
        var id = Sign(ClientId, new() { ["sub"] = "reviewer-subject", ["name"] = "审核员张", ["nonce"] = grant.Nonce });
        return Cors(http, Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer", ["access_token"] = access, ["id_token"] = id, ["expires_in"] = (int)lifetime.TotalSeconds, ["scope"] = Scope,
        }));
    }

    private string Sign(string audience, Dictionary<string, object> claims)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority, Audience = audience, Claims = claims, IssuedAt = now, NotBefore = now, Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    private IResult Refuse(string why, string error = "invalid_request")
    {
        Refusals.Enqueue(why);
        return Results.Json(new { error }, statusCode: StatusCodes.Status400BadRequest);
    }

    // A single-page application calls discovery and the token endpoint from the browser: they answer cross-origin.
    private static IResult Cors(HttpContext http, IResult result)
    {
        http.Response.Headers.AccessControlAllowOrigin = "*";
        return result;
    }

    private static X509Certificate2 Certificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=fake-authority", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Re-read with its key as Kestrel expects a stored one to be.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
    }

    private sealed record Grant(string Challenge, string Nonce);
}
