using System.Text.Json.Nodes;

namespace FamilyAid.Functions.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed class OpenApiSchemaTests(FamilyAidApp app)
{
    [Theory]
    [InlineData("/api/bindings", "post", "kind")]
    [InlineData("/api/admin/insured", "post", "residentId")]
    [InlineData("/api/review/bindings/{id}/decision", "post", "decision")]
    [InlineData("/api/bindings/{id}/face-check", "post", "consent")]
    [InlineData("/api/callbacks/face-check", "post", "sessionId")]
    public async Task Each_request_body_is_documented_with_its_own_schema(string path, string method, string property)
    {
        var document = await Api.Json(await app.Anonymous().GetAsync("/api/openapi.json"));

        var schema = Resolve(document, document["paths"]![path]![method]!["requestBody"]!["content"]!["application/json"]!["schema"]!);

        Assert.NotNull(schema["properties"]![property]);
    }

    [Theory]
    [InlineData("/api/bindings", "post", "201", "requiredDocuments")]
    [InlineData("/api/admin/insured", "post", "201", "id")]
    [InlineData("/api/bindings/{id}/documents/{type}", "put", "201", "sha256")]
    [InlineData("/api/bindings/{id}/face-check", "post", "201", "sessionId")]
    [InlineData("/api/health", "get", "200", "status")]
    public async Task Each_answer_is_documented_with_its_own_schema(string path, string method, string status, string property)
    {
        var document = await Api.Json(await app.Anonymous().GetAsync("/api/openapi.json"));

        var schema = Resolve(document, document["paths"]![path]![method]!["responses"]![status]!["content"]!["application/json"]!["schema"]!);

        Assert.NotNull(schema["properties"]![property]);
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]!
            : schema;
}
