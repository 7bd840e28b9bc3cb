using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FamilyAid.Functions.Tests.Security;

/// <summary>One operation of the app's OpenAPI document: a method on a path under /api.</summary>
public sealed record ApiOperation(string Method, string Path, JsonObject Operation)
{
    /// <summary>"METHOD /api/path", as the authorization matrix names rows.</summary>
    public string Key => $"{Method} {Path}";

    /// <summary>The names in braces in the path, in order.</summary>
    public IReadOnlyList<string> PathParameters =>
        Regex.Matches(Path, "{([^}]+)}").Select(m => m.Groups[1].Value).ToList();

    /// <summary>The query parameters: name and whether the schema says it is a number.</summary>
    public IReadOnlyList<(string Name, bool Numeric)> QueryParameters =>
        (Operation["parameters"]?.AsArray() ?? [])
        .OfType<JsonObject>()
        .Where(p => p["in"]?.GetValue<string>() == "query")
        .Select(p => (p["name"]!.GetValue<string>(), p["schema"]?["type"]?.ToJsonString() is { } type && (type.Contains("integer", StringComparison.Ordinal) || type.Contains("number", StringComparison.Ordinal))))
        .ToList();

    /// <summary>The media types the request body may have; empty when the operation takes no body.</summary>
    public IReadOnlyList<string> BodyMediaTypes =>
        Operation["requestBody"]?["content"]?.AsObject().Select(c => c.Key).ToList() ?? [];

    /// <summary>The schema of the JSON body, if any (may be a $ref).</summary>
    public JsonNode? JsonBodySchema => Operation["requestBody"]?["content"]?["application/json"]?["schema"];

    /// <summary>Whether the operation changes state (anything but GET and HEAD).</summary>
    public bool Mutates => Method is not ("GET" or "HEAD");

    /// <summary>The path with each parameter replaced by <paramref name="value"/> of its name.</summary>
    public string Fill(Func<string, string> value) =>
        Regex.Replace(Path, "{([^}]+)}", m => value(m.Groups[1].Value));
}

/// <summary>Reads GET /api/openapi.json and lists its operations under /api.</summary>
public static class MatrixOpenApi
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    /// <summary>The document as the app serves it (anonymously).</summary>
    public static async Task<JsonObject> Document(FamilyAidApp app)
    {
        using var client = app.Anonymous();
        using var response = await client.GetAsync("/api/openapi.json");
        await Api.Expect(response, HttpStatusCode.OK);
        return (await Api.Json(response)).AsObject();
    }

    /// <summary>Every (method, path) under /api, in document order.</summary>
    public static List<ApiOperation> Operations(JsonObject document) =>
        (document["paths"]?.AsObject() ?? throw new InvalidOperationException("The OpenAPI document has no paths."))
        .Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
        .SelectMany(p => p.Value!.AsObject()
            .Where(m => Methods.Contains(m.Key, StringComparer.Ordinal))
            .Select(m => new ApiOperation(m.Key.ToUpperInvariant(), p.Key, m.Value!.AsObject())))
        .ToList();
}
