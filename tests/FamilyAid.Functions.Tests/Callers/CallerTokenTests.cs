using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FamilyAid.Functions.Tests.Callers;

/// <summary>Who may call: a valid HS256 token from <c>familyaid</c> for <c>familyaid</c>, with claims that make a known caller.</summary>
[Collection(AppCollection.Name)]
public sealed class CallerTokenTests(FamilyAidApp app)
{
    private const string OtherKey = "another-signing-key-that-is-long-enough-9876543210";

    /// <summary>Mints a token the way an issuer would, with every part open to change.</summary>
    private static string Mint(
        Dictionary<string, object> claims, string key = FamilyAidApp.SigningKey, string? issuer = "familyaid", string? audience = "familyaid",
        TimeSpan? notBefore = null, TimeSpan? expires = null, bool withExpiry = true, bool signed = true)
    {
        // Lifetimes are checked by the JWT handler against the real clock.
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now + (notBefore ?? TimeSpan.FromMinutes(-1)),
            NotBefore = now + (notBefore ?? TimeSpan.FromMinutes(-1)),
            Expires = withExpiry ? now + (expires ?? TimeSpan.FromMinutes(30)) : null,
            SigningCredentials = signed ? new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256) : null,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = withExpiry }.CreateToken(descriptor);
    }

    private static Dictionary<string, object> Claims(string sub = "caller-1", string? role = null, string? region = null, string? institution = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = sub };
        if (role is not null)
        {
            claims["role"] = role;
        }

        if (region is not null)
        {
            claims["region"] = region;
        }

        if (institution is not null)
        {
            claims["institution"] = institution;
        }

        return claims;
    }

    private HttpClient With(string scheme, string value)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, value);
        return client;
    }

    private Task<HttpResponseMessage> ListWith(string token) => With("Bearer", token).GetAsync("/api/bindings");

    private static async Task ExpectUnauthorized(HttpResponseMessage response) =>
        await Api.ExpectProblem(response, HttpStatusCode.Unauthorized, "unauthorized");

    [Fact]
    public async Task A_well_formed_token_is_accepted()
    {
        // The control for every refusal below: the same minting, unbroken, gets in.
        await Api.Expect(await ListWith(Mint(Claims())), HttpStatusCode.OK);
        await Api.Expect(await ListWith(Mint(Claims(role: "applicant"))), HttpStatusCode.OK);
        await Api.Expect(await ListWith(Mint(Claims(role: "reviewer", region: "guangdong"))), HttpStatusCode.OK);
        await Api.Expect(await ListWith(Mint(Claims(role: "institution", institution: "hospital-1"))), HttpStatusCode.OK);
        await Api.Expect(await ListWith(Mint(Claims(role: "admin"))), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("GET", "/api/bindings")]
    [InlineData("POST", "/api/bindings")]
    [InlineData("GET", "/api/bindings/0190c0de00007000800000000000abcd")]
    [InlineData("POST", "/api/bindings/0190c0de00007000800000000000abcd/submit")]
    [InlineData("POST", "/api/bindings/0190c0de00007000800000000000abcd/cancel")]
    [InlineData("PUT", "/api/bindings/0190c0de00007000800000000000abcd/documents/member-id-front")]
    [InlineData("POST", "/api/admin/insured")]
    public async Task No_token_is_401_on_every_endpoint(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        var response = await app.Anonymous().SendAsync(request);

        await ExpectUnauthorized(response);
    }

    [Theory]
    [InlineData("Bearer", "not-a-jwt")]
    [InlineData("Bearer", "a.b.c")]
    [InlineData("Basic", "YWRtaW46YWRtaW4=")]
    public async Task A_credential_that_is_not_a_token_is_401(string scheme, string value)
    {
        await ExpectUnauthorized(await With(scheme, value).GetAsync("/api/bindings"));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        await ExpectUnauthorized(await ListWith(Mint(Claims(role: "admin"), key: OtherKey)));
    }

    [Fact]
    public async Task A_token_whose_claims_were_changed_after_signing_is_401()
    {
        // Given an applicant's token whose payload is swapped for an admin's, keeping the signature
        var applicant = Mint(Claims(sub: "caller-1")).Split('.');
        var admin = Mint(Claims(sub: "caller-1", role: "admin")).Split('.');
        var forged = $"{applicant[0]}.{admin[1]}.{applicant[2]}";

        // When it is used
        var response = await With("Bearer", forged).PostAsync("/api/admin/insured", new StringContent("{}", Encoding.UTF8, "application/json"));

        // Then the signature no longer matches
        await ExpectUnauthorized(response);
    }

    [Fact]
    public async Task An_unsigned_token_is_401()
    {
        await ExpectUnauthorized(await ListWith(Mint(Claims(role: "admin"), signed: false)));
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        await ExpectUnauthorized(await ListWith(Mint(Claims(), notBefore: TimeSpan.FromHours(-2), expires: TimeSpan.FromMinutes(-10))));
    }

    [Fact]
    public async Task A_token_not_valid_yet_is_401()
    {
        await ExpectUnauthorized(await ListWith(Mint(Claims(), notBefore: TimeSpan.FromMinutes(10), expires: TimeSpan.FromMinutes(60))));
    }

    [Fact]
    public async Task A_token_without_an_expiry_is_401()
    {
        await ExpectUnauthorized(await ListWith(Mint(Claims(), withExpiry: false)));
    }

    [Theory]
    [InlineData("someone-else", "familyaid")]
    [InlineData("familyaid", "someone-else")]
    [InlineData(null, "familyaid")]
    [InlineData("familyaid", null)]
    [InlineData("FamilyAid", "familyaid")]
    public async Task A_token_for_another_issuer_or_audience_is_401(string? issuer, string? audience)
    {
        await ExpectUnauthorized(await ListWith(Mint(Claims(), issuer: issuer, audience: audience)));
    }

    [Theory]
    [InlineData("root")]
    [InlineData("Admin")]
    [InlineData("superuser")]
    [InlineData("")]
    public async Task An_unknown_role_is_401(string role)
    {
        await ExpectUnauthorized(await ListWith(Mint(Claims(role: role))));
    }

    [Fact]
    public async Task Two_different_roles_are_401()
    {
        var claims = Claims(region: "guangdong");
        claims["role"] = new[] { "admin", "reviewer" };

        await ExpectUnauthorized(await ListWith(Mint(claims)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task A_reviewer_without_a_region_is_401(string? region)
    {
        await ExpectUnauthorized(await ListWith(Mint(Claims(role: "reviewer", region: region))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task An_institution_without_an_institution_claim_is_401(string? institution)
    {
        await ExpectUnauthorized(await ListWith(Mint(Claims(role: "institution", institution: institution))));
    }

    [Fact]
    public async Task A_token_without_a_subject_is_401()
    {
        var claims = Claims(role: "admin");
        claims.Remove("sub");

        await ExpectUnauthorized(await ListWith(Mint(claims)));
    }

    [Fact]
    public async Task A_subject_over_128_characters_is_401()
    {
        await ExpectUnauthorized(await ListWith(Mint(Claims(sub: new string('s', 129)))));
    }

    [Fact]
    public async Task A_refused_admin_token_does_not_reach_the_admin_endpoint()
    {
        // Given an admin's claims on a token for another audience
        var token = Mint(Claims(role: "admin"), audience: "other-app");
        var residentId = TestIds.Adult();

        // When it posts an insured person
        var response = await Post(token, residentId);

        // Then it is 401, and the same body with a valid admin token works
        await ExpectUnauthorized(response);
        await Api.Expect(await Post(Mint(Claims(role: "admin")), residentId), HttpStatusCode.Created);

        Task<HttpResponseMessage> Post(string t, string id) =>
            With("Bearer", t).PostAsJsonAsync("/api/admin/insured", new
            {
                residentId = id, name = "张三", phone = "13912345678", insuranceType = "employee", status = "normal", region = "guangdong", personalAccountFen = 0,
            });
    }

    [Fact]
    public async Task Health_is_anonymous()
    {
        var response = await app.Anonymous().GetAsync("/api/health");

        await Api.Expect(response, HttpStatusCode.OK);
        Assert.Equal("ok", (await Api.Json(response))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_answers_even_with_a_bad_token()
    {
        var response = await With("Bearer", Mint(Claims(), key: OtherKey)).GetAsync("/api/health");

        await Api.Expect(response, HttpStatusCode.OK);
    }
}
