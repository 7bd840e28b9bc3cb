using FamilyAid.Domain.RemoteTreatment;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary><c>POST /api/review/remote-registrations/{id}/decision</c>: a reviewer of the person's region approves or
/// rejects a registration in review.</summary>
public static class DecideRemoteRegistration
{
    /// <summary>The function name.</summary>
    public const string Name = "DecideRemoteRegistration";

    /// <summary>What the reviewer decides.</summary>
    public enum Verdict
    {
        /// <summary>The proof holds: the registration is active.</summary>
        Approve,

        /// <summary>It does not: rejected, with the reason.</summary>
        Reject,
    }

    /// <summary>The body.</summary>
    public sealed record Request(Verdict Decision, string? Reason = null);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/review/remote-registrations/{id}/decision", Handle).WithName(Name).WithTags("Remote treatment")
            .RequireAuthorization(Policies.ReviewerOfRegion)
            .WhenForbidden("Only reviewers decide.")
            .Accepts<Request>("application/json")
            .Produces<RemoteRegistrationView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Decide a registration in review")
            .WithDescription(
                "A reviewer of the person's region (of another region: 404). `registration-not-open` 409 when it is no longer in review, with "
                + "`currentStatus`, `decidedBy` (a reviewer's id, `applicant` or `system`), `decision` and `decidedAt` of the step that closed it.");

    private static async Task<IResult> Handle(
        string id, HttpContext http, RemoteRegistrationStore store, RemoteRegistrationAccessRules access, RemoteFiling filing, AuditLog audit,
        CancellationToken ct)
    {
        var caller = http.GetCaller();
        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        if ((problem ?? Text.Check("reason", body!.Value.Reason, 500, required: false)) is { } invalid)
        {
            return invalid.ToResult();
        }

        if (await store.Get(id, ct) is not { } stored || await access.Of(caller, stored.Registration, ct) != RemoteRegistrationAccess.Reviewer)
        {
            return Problems.NotFound().ToResult();
        }

        var (approve, reason) = (body!.Value.Decision == Verdict.Approve, body.Value.Reason?.Trim());
        var outcome = await filing.Change(id, (r, now) => RegistrationRules.Decide(r, approve, caller.Id, reason, now), ct);
        if (outcome.Registration is not { } decided)
        {
            // The reviewer who came second is told who decided first, and what.
            return RemoteReviewOutcome.Refused(outcome.Refusal!.Value, (await store.Get(id, ct))?.Registration, filing.Today).ToResult();
        }

        await audit.Record(caller, approve ? "remote-registration-approved" : "remote-registration-rejected", id, null, ct);
        return TypedResults.Ok(RemoteRegistrationView.Of(decided, filing.Today, withTimeline: true));
    }
}
