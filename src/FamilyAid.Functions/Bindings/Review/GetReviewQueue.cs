using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Bindings.Review;

/// <summary><c>GET /api/review/queue?take=…</c>: the requests waiting for a reviewer of the caller's region, oldest first.</summary>
public static class GetReviewQueue
{
    /// <summary>The function name.</summary>
    public const string Name = "GetReviewQueue";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/review/queue", Handle).WithName(Name).WithTags("Review")
            .RequireAuthorization(Policies.ReviewerOfRegion)
            .WhenForbidden("Only reviewers read review queues.")
            .Produces<IReadOnlyList<ReviewQueueEntry>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("List the review queue")
            .WithDescription(
                "The submitted requests of the reviewer's region awaiting review, at most `take` (1–500, default 100) of the oldest: "
                + "escalated ones first, then oldest first. `overdue` says the working-day promise (`dueAt`) has passed.");

    private static async Task<IResult> Handle(HttpContext http, ReviewQueueStore queue, TimeProvider clock, int? take, CancellationToken ct)
    {
        var caller = http.GetCaller();
        if (take is < 1 or > 500)
        {
            return Problems.Invalid("take", "must be between 1 and 500").ToResult();
        }

        var now = clock.GetUtcNow();
        // OrderBy is stable: within each group the store's oldest-first order stays.
        return TypedResults.Ok((await queue.Of(caller.Region!, take ?? 100, ct))
            .Select(e => e with { Overdue = e.DueAt <= now }).OrderBy(e => !e.Escalated).ToList());
    }
}
