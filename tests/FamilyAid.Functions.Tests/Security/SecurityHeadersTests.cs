namespace FamilyAid.Functions.Tests.Security;

/// <summary>Every answer carries headers against sniffing, framing, referrers and caching of personal data.</summary>
[Collection(AppCollection.Name)]
public sealed class SecurityHeadersTests(FamilyAidApp app)
{
    private static void AssertCommonHeaders(HttpResponseMessage response, string what)
    {
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff), $"{what}: no X-Content-Type-Options");
        Assert.Equal("nosniff", Assert.Single(nosniff));
        Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frame), $"{what}: no X-Frame-Options");
        Assert.Equal("DENY", Assert.Single(frame));
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer), $"{what}: no Referrer-Policy");
        Assert.Equal("no-referrer", Assert.Single(referrer));
    }

    private static void AssertApiHeaders(HttpResponseMessage response, string what)
    {
        AssertCommonHeaders(response, what);
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control is '{response.Headers.CacheControl}', not no-store");
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: no Content-Security-Policy");
        Assert.Contains("default-src 'none'", Assert.Single(csp), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_401_names_the_bearer_scheme()
    {
        // When requests are refused as unauthenticated: no token, a bad token, an unsigned provider callback
        var answers = new (string What, HttpResponseMessage Response)[]
        {
            ("no token", await app.Anonymous().GetAsync("/api/bindings")),
            ("bad token", await WithToken("not-a-token").PostAsJsonAsync("/api/bindings", new { kind = "sharing" })),
            ("unsigned callback", await app.Anonymous().PostAsJsonAsync("/api/callbacks/face-check", new { sessionId = "s", result = "pass", score = 0.9 })),
        };

        // Then each is a 401 problem with WWW-Authenticate: Bearer (RFC 6750)
        foreach (var (what, response) in answers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: got {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.WwwAuthenticate.Count > 0, $"{what}: no WWW-Authenticate");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.First().Scheme);
        }
    }

    [Fact]
    public async Task Successes_problems_and_unknown_routes_all_carry_the_security_headers()
    {
        // Given an insured person with a request, and callers of every kind
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var bindingId = await Api.CreateBinding(app, authorizer, member);
        var owner = app.As(authorizer.Id);

        // When they get answers of every kind
        var answers = new (string What, HttpResponseMessage Response, HttpStatusCode Status)[]
        {
            ("health 200", await app.Anonymous().GetAsync("/api/health"), HttpStatusCode.OK),
            ("binding 200", await owner.GetAsync($"/api/bindings/{bindingId}"), HttpStatusCode.OK),
            ("list 200", await owner.GetAsync("/api/bindings"), HttpStatusCode.OK),
            ("upload 201", await Api.Upload(owner, bindingId, "hukou-home", Api.Jpeg()), HttpStatusCode.Created),
            ("openapi 200", await app.Anonymous().GetAsync("/api/openapi.json"), HttpStatusCode.OK),
            ("invalid 400", await owner.PostAsJsonAsync("/api/bindings", new { kind = "sharing" }), HttpStatusCode.BadRequest),
            ("no token 401", await app.Anonymous().GetAsync("/api/bindings"), HttpStatusCode.Unauthorized),
            ("bad token 401", await WithToken("not-a-token").GetAsync("/api/bindings"), HttpStatusCode.Unauthorized),
            ("not admin 403", await owner.GetAsync($"/api/admin/audit?subject={bindingId}"), HttpStatusCode.Forbidden),
            ("unknown request 404", await owner.GetAsync("/api/bindings/no-such-request"), HttpStatusCode.NotFound),
            ("unknown api route 404", await owner.GetAsync("/api/no-such-route"), HttpStatusCode.NotFound),
            ("unknown route 404", await app.Anonymous().GetAsync("/no-such-route"), HttpStatusCode.NotFound),
            ("wrong method 405", await owner.DeleteAsync($"/api/bindings/{bindingId}"), HttpStatusCode.MethodNotAllowed),
            ("not a document 415", await Api.Upload(owner, bindingId, "hukou-member", "hello"u8.ToArray(), "text/plain"), HttpStatusCode.UnsupportedMediaType),
        };

        // Then each carries nosniff, no framing, no referrer, no caching, and a policy that loads nothing
        foreach (var (what, response, status) in answers)
        {
            Assert.True(status == response.StatusCode, $"{what}: got {(int)response.StatusCode}");
            AssertApiHeaders(response, what);
        }
    }

    [Fact]
    public async Task An_answer_over_https_also_asks_for_https_from_then_on()
    {
        // Given a client that reaches the app over HTTPS
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        // When it asks anything
        var response = await client.GetAsync("/api/health");

        // Then the answer carries HSTS as well as the other headers
        AssertApiHeaders(response, "https health");
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no Strict-Transport-Security over HTTPS");
        Assert.StartsWith("max-age=", Assert.Single(hsts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_docs_page_runs_its_scripts_but_keeps_the_other_headers()
    {
        // When the API reference UI is loaded
        var response = await app.Anonymous().GetAsync("/api/docs");

        // Then it is served with nosniff, no framing and no referrer, and not with a policy that forbids every script
        await Api.Expect(response, HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertCommonHeaders(response, "docs");
        if (response.Headers.TryGetValues("Content-Security-Policy", out var csp))
        {
            Assert.DoesNotContain("default-src 'none'", Assert.Single(csp), StringComparison.Ordinal);
        }
    }

    private HttpClient WithToken(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
