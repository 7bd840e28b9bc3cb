namespace FamilyAid.Functions.Http;

/// <summary>An RFC 9457 problem with the stable <c>code</c> docs/API.md lists.</summary>
public sealed record Problem(int Status, string Code, string Title, string? Detail = null)
{
    /// <summary>Extra members (e.g. <c>missing</c> for missing documents).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>As a minimal-API result.</summary>
    public IResult ToResult()
    {
        var extensions = new Dictionary<string, object?> { ["code"] = Code };
        foreach (var (key, value) in Extensions ?? new Dictionary<string, object?>())
        {
            extensions[key] = value;
        }

        return TypedResults.Problem(Detail, statusCode: Status, title: Title, type: $"https://familyaid.dev/problems/{Code}", extensions: extensions);
    }
}
