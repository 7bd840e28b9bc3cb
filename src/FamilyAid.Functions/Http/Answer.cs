using System.Text.Json;

namespace FamilyAid.Functions.Http;

/// <summary>An answer fixed as bytes, so that an idempotent replay is exactly the first answer.</summary>
public sealed record Answer(int Status, string ContentType, string Body)
{
    /// <summary>A JSON answer.</summary>
    public static Answer Json(int status, object body) =>
        new(status, "application/json; charset=utf-8", JsonSerializer.Serialize(body, body.GetType(), Http.Json.Options));

    /// <summary>A problem answer.</summary>
    public static Answer From(Problem problem)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://familyaid.dev/problems/{problem.Code}",
            ["title"] = problem.Title,
            ["status"] = problem.Status,
            ["code"] = problem.Code,
        };
        if (problem.Detail is not null)
        {
            body["detail"] = problem.Detail;
        }

        foreach (var (key, value) in problem.Extensions ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        return new(problem.Status, "application/problem+json; charset=utf-8", JsonSerializer.Serialize(body, Http.Json.Options));
    }

    /// <summary>As a minimal-API result.</summary>
    public IResult ToResult() => Results.Text(Body, ContentType, System.Text.Encoding.UTF8, Status);
}
