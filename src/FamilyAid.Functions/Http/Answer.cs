using System.Text.Json;

namespace FamilyAid.Functions.Http;

/// <summary>An answer fixed as bytes, so that an idempotent replay is exactly the first answer.</summary>
public sealed record Answer(int Status, string ContentType, string Body)
{
    /// <summary>Whether a keyed request keeps this answer for replay (true); false releases the key instead, for a refusal
    /// the caller can cure and then retry with the same key (e.g. <c>no-remote-registration</c>).</summary>
    public bool Kept { get; init; } = true;

    /// <summary>Whether the resource the request made keeps this answer itself (the route rebuilds it from the resource for a
    /// replay, see <see cref="IdempotentRequest.Run"/>'s <c>answered</c>), so that the idempotency record is not written again
    /// to hold it (issue 16: one storage request less per settlement).</summary>
    public bool HeldByResource { get; init; }

    /// <summary>A JSON answer.</summary>
    public static Answer Json(int status, object body) =>
        new(status, "application/json; charset=utf-8", JsonSerializer.Serialize(body, body.GetType(), Http.Json.Options));

    /// <summary>A problem answer kept for replay (written by <see cref="Problem.ToAnswer"/>).</summary>
    public static Answer From(Problem problem) => problem.ToAnswer();

    // The content type is sent as kept: JSON answers name their charset, problems do not (UTF-8 is JSON's own).

    /// <summary>As a minimal-API result.</summary>
    public IResult ToResult() => Results.Text(Body, ContentType, null, Status);
}
