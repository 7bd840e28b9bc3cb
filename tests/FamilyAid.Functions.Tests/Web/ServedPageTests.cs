using Microsoft.AspNetCore.Hosting;

namespace FamilyAid.Functions.Tests.Web;

/// <summary>The served pages: the console's files with a strict policy and never cached, and the dev sign-in only in
/// Development.</summary>
[Collection(AppCollection.Name)]
public sealed class ServedPageTests(FamilyAidApp app)
{
    private static readonly string[] Modules = ["console.js", "documents.js", "words.js", "shared/session.js", "shared/text.js"];

    [Theory]
    [InlineData("/api/console/", "text/html")]
    [InlineData("/api/console/console.js", "text/javascript")]
    [InlineData("/api/console/console.css", "text/css")]
    [InlineData("/api/console/shared/session.js", "text/javascript")]
    public async Task The_console_files_are_served_with_a_strict_policy_and_never_cached(string path, string mediaType)
    {
        // When a file of the console is fetched, without a token
        using var response = await app.Anonymous().GetAsync(path);

        // Then it is served as its type, not to be cached, under a policy that runs only the app's own scripts and styles
        await Api.Expect(response, HttpStatusCode.OK);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        // And documents may be shown only from the blob endpoint that signs their links
        var blobs = new Uri(FamilyAidApp.StorageConnection.Split(';').Single(p => p.StartsWith("BlobEndpoint=", StringComparison.Ordinal))["BlobEndpoint=".Length..]);
        Assert.Contains($"img-src 'self' blob: {blobs.GetLeftPart(UriPartial.Authority)};", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_has_no_inline_script_or_style_and_keeps_the_token_in_session_storage_only()
    {
        // Given the console's page and its modules
        var client = app.Anonymous();
        var page = await client.GetStringAsync("/api/console/");
        var scripts = string.Concat(await Task.WhenAll(
            Modules.Select(f => client.GetStringAsync($"/api/console/{f}"))));

        // Then the page loads scripts and styles from files only, and no script touches localStorage or puts the token in a URL
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", page);
        Assert.DoesNotContain("<style", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("localStorage.", scripts, StringComparison.Ordinal);
        Assert.Contains("sessionStorage.setItem", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token=", scripts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/console/nothing.js")]
    [InlineData("/api/console/../appsettings.json")]
    [InlineData("/api/console/%2e%2e/FamilyAid.Functions.dll")]
    [InlineData("/api/console/Web/StaticSite.cs")]
    public async Task Anything_but_the_embedded_files_is_not_found(string path)
    {
        using var response = await app.Anonymous().GetAsync(path);

        await Api.ExpectProblem(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task In_development_the_dev_sign_in_mints_a_token_the_api_accepts()
    {
        // Given the app in Development (the test host's default), which says so to its pages
        var client = app.Anonymous();
        Assert.True((await Api.Json(await client.GetAsync("/api/console/sign-in.json")))["devSignIn"]!.GetValue<bool>());

        // When someone signs in there as a guangdong reviewer
        using var signIn = await client.PostAsJsonAsync("/api/dev/sign-in", new { sub = "reviewer-dev", role = "reviewer", region = "guangdong" });

        // Then the token reads the region's queue
        await Api.Expect(signIn, HttpStatusCode.OK);
        var token = (await Api.Json(signIn))["token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/review/queue");
        request.Headers.Authorization = new("Bearer", token);
        await Api.Expect(await client.SendAsync(request), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Outside_development_there_is_no_dev_sign_in()
    {
        // Given the app in Production
        await using var production = new ProductionApp();
        var client = production.Anonymous();

        // When someone asks the dev sign-in for a token
        using var signIn = await client.PostAsJsonAsync("/api/dev/sign-in", new { sub = "reviewer-dev", role = "reviewer", region = "guangdong" });

        // Then the route does not exist, and the pages are told so; the console itself is still served
        await Api.ExpectProblem(signIn, HttpStatusCode.NotFound, "not-found");
        Assert.False((await Api.Json(await client.GetAsync("/api/console/sign-in.json")))["devSignIn"]!.GetValue<bool>());
        await Api.Expect(await client.GetAsync("/api/console/"), HttpStatusCode.OK);
    }

    private sealed class ProductionApp : FamilyAidApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
