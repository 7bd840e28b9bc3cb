using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Bindings.Workflow;

namespace FamilyAid.Functions.Bindings.Review;

/// <summary><c>POST /api/review/bindings/{id}/decision</c>: a reviewer of the request's region approves, rejects, or records
/// a face verification done at the counter. Two reviewers at once: one wins, the other gets 409 <c>not-in-review</c>.</summary>
public static class DecideBinding
{
    /// <summary>The function name.</summary>
    public const string Name = "DecideBinding";

    /// <summary>The body; a reason is required to reject or to verify offline.</summary>
    public sealed record Request(ReviewDecision Decision, string? Reason = null)
    {
        /// <summary>The reviewer's command, or the problem with its reason (required unless approving).</summary>
        public (DecideReview? Value, Problem? Problem) Parse(string reviewerId) =>
            Text.Check("reason", Reason, 500, required: Decision != ReviewDecision.Approve) is { } invalid
                ? (null, invalid)
                : (new DecideReview(reviewerId, Decision, Reason?.Trim() ?? ""), null);
    }

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/review/bindings/{id}/decision", Handle).WithName(Name).WithTags("Review")
            .Accepts<Request>("application/json")
            .Produces<StatusView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Decide a binding request")
            .WithDescription(
                "A reviewer of its region decides `approve`, `reject` or `verify-offline` (a face verification done at the counter, "
                + "which approves, also while the request awaits the face check); `reject` and `verify-offline` need a `reason`. The "
                + "loser of two reviewers deciding at once gets 409 `not-in-review`, with `currentStatus`, `decidedBy`, `decision` and `decidedAt` "
                + "of the step that took the request out of review.");

    private static async Task<IResult> Handle(
        string id, HttpContext http, BindingStreamStore streams, BindingWorkflow workflow, AuditLog audit, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var (loaded, denied) = await BindingLookup.For(streams, id, caller, BindingAccess.Reviewer, "Only a reviewer of the request's region decides it.", ct);
        if (denied is not null)
        {
            return denied.ToResult();
        }

        // The body's first problem wins: unreadable JSON, else a missing reason.
        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        var (command, invalid) = body is null ? (null, problem) : body.Value.Parse(caller.Id);
        if (command is null)
        {
            return invalid!.ToResult();
        }

        var (decision, after) = await workflow.Run(id, loaded, command, ct);
        if (decision.Refusal is { } refusal)
        {
            // The reviewer who came second is told who decided first, and what.
            return (refusal == BindingRefusal.NotInReview
                ? ReviewOutcome.NotInReview(after?.State, await streams.Events(id, ct))
                : BindingProblems.For(refusal, after?.State)).ToResult();
        }

        await audit.Record(caller, "review-decided", id, $"{Wire.Name(command.Decision)} status={Wire.Name(after!.State.ShownStatus())}", ct);
        return TypedResults.Ok(new StatusView(after.State.ShownStatus()));
    }
}
