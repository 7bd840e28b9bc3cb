using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary><c>GET /api/review/remote-registrations/{id}</c>: a reviewer of the person's region opens a registration: its
/// timeline, the person's name, masked resident ID and age, and the promise of a decision. Every read is audited.</summary>
public static class GetRemoteReview
{
    /// <summary>The function name.</summary>
    public const string Name = "GetRemoteReview";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/review/remote-registrations/{id}", Handle).WithName(Name).WithTags("Remote treatment")
            .RequireAuthorization(Policies.ReviewerOfRegion)
            .WhenForbidden("Only reviewers open registrations for review.")
            .Produces<RemoteReviewView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Read a registration for review")
            .WithDescription(
                "A reviewer of the person's region (of another region: 404) reads the registration with its timeline, the `person` (name, masked "
                + "resident ID, age), `submittedAt`, `dueAt` (the working-day promise while in review) and `overdue`; the read is audited.");

    private static async Task<IResult> Handle(
        string id, HttpContext http, RemoteRegistrationStore store, RemoteRegistrationAccessRules access, RemoteReviews reviews, AuditLog audit,
        CancellationToken ct)
    {
        var caller = http.GetCaller();
        if (await store.Get(id, ct) is not { } stored || await access.Of(caller, stored.Registration, ct) != RemoteRegistrationAccess.Reviewer)
        {
            return Problems.NotFound().ToResult();
        }

        await audit.Record(caller, "remote-review-read", id, null, ct);
        return TypedResults.Ok(await reviews.View(stored.Registration, ct));
    }
}
