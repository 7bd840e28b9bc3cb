using System.Text.Json.Nodes;

namespace FamilyAid.Functions.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed class HealthAndDocsTests(FamilyAidApp app)
{
    [Fact]
    public async Task Health_answers_ok_without_a_token_when_storage_answers()
    {
        var response = await app.Anonymous().GetAsync("/api/health");

        await Api.Expect(response, HttpStatusCode.OK);
        Assert.Equal("ok", (await Api.Json(response))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_document_is_public_and_lists_every_api_route()
    {
        // Given the endpoints the app routes (but the served pages and the dev sign-in, which are no API)
        var endpoints = AppEndpoints.Api(app).Where(e => e.Described).ToList();

        // When the OpenAPI document is fetched without a token
        var response = await app.Anonymous().GetAsync("/api/openapi.json");

        // Then it is OpenAPI 3 and has exactly those paths, each with its methods
        await Api.Expect(response, HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = await Api.Json(response);
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        Assert.Equal(
            endpoints.Select(e => e.Route).Distinct().Order(StringComparer.Ordinal),
            paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(endpoints, e => Assert.All(e.Methods, method =>
        {
            var operation = paths[e.Route]![method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{method} {e.Route} is not in the OpenAPI document");
            Assert.Equal(e.Name, operation!["operationId"]?.GetValue<string>());
        }));
    }

    [Fact]
    public async Task The_docs_page_is_public_html()
    {
        var response = await app.Anonymous().GetAsync("/api/docs");

        await Api.Expect(response, HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        // Scalar resolves the document's URL against the site root, and loads its script from beside the page.
        Assert.Contains("\"url\":\"api/openapi.json\"", html, StringComparison.Ordinal);
        var script = await app.Anonymous().GetAsync("/api/docs/scalar.js");
        await Api.Expect(script, HttpStatusCode.OK);
    }
}
