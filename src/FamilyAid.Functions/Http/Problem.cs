using System.Diagnostics;
using System.Text.Json;

namespace FamilyAid.Functions.Http;

/// <summary>An RFC 9457 problem with the stable <c>code</c> docs/API.md lists.</summary>
public sealed record Problem(int Status, string Code, string Title, string? Detail = null)
{
    /// <summary>The media type of every problem.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>Extra members (e.g. <c>missing</c> for missing documents).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>The one writer of problem bodies: every problem the app answers with, live or kept for a replay, is
    /// these bytes.</summary>
    /// <param name="traceId">The request's trace id for an answer written now; none for one kept for replay, which
    /// would otherwise name the first request's trace on every retry.</param>
    public Answer ToAnswer(string? traceId = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://familyaid.dev/problems/{Code}",
            ["title"] = Title,
            ["status"] = Status,
        };
        if (Detail is not null)
        {
            body["detail"] = Detail;
        }

        body["code"] = Code;
        foreach (var (key, value) in Extensions ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        if (traceId is not null)
        {
            body["traceId"] = traceId;
        }

        return new(Status, ContentType, JsonSerializer.Serialize(body, Json.Options));
    }

    /// <summary>As a minimal-API result, with the request's trace id.</summary>
    public IResult ToResult() => new Written(this);

    private sealed class Written(Problem problem) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
    {
        public int? StatusCode => problem.Status;

        string? IContentTypeHttpResult.ContentType => Problem.ContentType;

        // The trace id the framework's problem details carried before this writer replaced them.
        public Task ExecuteAsync(HttpContext httpContext) =>
            problem.ToAnswer(Activity.Current?.Id ?? httpContext.TraceIdentifier).ToResult().ExecuteAsync(httpContext);
    }
}
