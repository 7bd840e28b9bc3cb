using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary><c>GET /api/review/remote-registrations</c>: the registrations in review of the reviewer's region.</summary>
public static class ListRemoteReviews
{
    /// <summary>The function name.</summary>
    public const string Name = "ListRemoteReviews";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/review/remote-registrations", Handle).WithName(Name).WithTags("Remote treatment")
            .RequireAuthorization(Policies.ReviewerOfRegion)
            .WhenForbidden("Only reviewers read review queues.")
            .Produces<IReadOnlyList<RemoteReviewView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("List registrations in review")
            .WithDescription(
                "The `in-review` registrations of people insured in the reviewer's region, at most `take` (1–500, default 100), oldest first, "
                + "each with its timeline, the `person` (name, masked resident ID, age), `submittedAt`, `dueAt` (the working-day promise) and `overdue`.");

    private static async Task<IResult> Handle(HttpContext http, RemoteRegistrationStore store, RemoteReviews reviews, int? take, CancellationToken ct)
    {
        if (take is < 1 or > 500)
        {
            return Problems.Invalid("take", "must be between 1 and 500").ToResult();
        }

        var waiting = await store.InReview(http.GetCaller().Region!, take ?? 100, ct);
        // Oldest first, as the store gives them (Task.WhenAll keeps the order).
        return TypedResults.Ok(await Task.WhenAll(waiting.Select(s => reviews.View(s.Registration, ct))));
    }
}
