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
            .Produces<IReadOnlyList<RemoteRegistrationView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("List registrations in review")
            .WithDescription("The `in-review` registrations of people insured in the reviewer's region, at most `take` (1–500, default 100).");

    private static async Task<IResult> Handle(HttpContext http, RemoteRegistrationStore store, RemoteFiling filing, int? take, CancellationToken ct)
    {
        if (take is < 1 or > 500)
        {
            return Problems.Invalid("take", "must be between 1 and 500").ToResult();
        }

        var waiting = await store.InReview(http.GetCaller().Region!, take ?? 100, ct);
        return TypedResults.Ok(waiting.Select(s => RemoteRegistrationView.Of(s.Registration, filing.Today, withTimeline: true)).ToList());
    }
}
