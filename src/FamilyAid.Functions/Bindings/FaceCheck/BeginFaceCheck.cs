using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Bindings.Workflow;

namespace FamilyAid.Functions.Bindings.FaceCheck;

/// <summary><c>POST /api/bindings/{id}/face-check</c>: the member (only the member) consents to biometric processing
/// and opens a session with the provider; the provider's callback brings the verdict.</summary>
public static class BeginFaceCheck
{
    /// <summary>The function name.</summary>
    public const string Name = "BeginFaceCheck";

    /// <summary>The body: the member's separate consent to biometric processing (PIPL art. 29), given now.</summary>
    public sealed record Request(bool Consent);

    /// <summary>The answer: the session the member's app opens in the provider's SDK.</summary>
    public sealed record Response(string SessionId);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/bindings/{id}/face-check", Handle).WithName(Name).WithTags("Face check")
            .Accepts<Request>("application/json")
            .Produces<Response>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Start the member's face check")
            .WithDescription(
                "The member consents to face recognition explicitly (`consent: true`, PIPL art. 29) and gets a session with the "
                + "provider; without consent nothing is sent to the provider.");

    private static async Task<IResult> Handle(
        string id, HttpContext http, BindingStreamStore streams, BindingDecider decider, BindingWorkflow workflow,
        IFaceCheckProvider provider, FaceCheckSessions sessions, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var (loaded, denied) = await BindingLookup.For(streams, id, caller, BindingAccess.Member, "Only the member checks their own face.", ct);
        if (denied is not null)
        {
            return denied.ToResult();
        }

        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        if (!body!.Value.Consent)
        {
            return new Problem(422, "consent-required", "Consent to biometric processing is needed for a face check.").ToResult();
        }

        // Ask the rules before opening a session with the provider.
        var now = clock.GetUtcNow();
        if (decider.Decide(loaded!.State, new StartFaceCheck("probe", now), now).Refusal is { } early)
        {
            return BindingProblems.For(early, loaded.State).ToResult();
        }

        var sessionId = await provider.StartSession(id, caller.Id, ct);
        await sessions.Remember(sessionId, id, ct);
        var (decision, after) = await workflow.Run(id, loaded, new StartFaceCheck(sessionId, now), ct);
        if (decision.Refusal is { } refusal)
        {
            return BindingProblems.For(refusal, after?.State).ToResult();
        }

        await audit.Record(caller, "face-check-started", id, "consent given", ct);
        return TypedResults.Created($"/api/bindings/{id}", new Response(sessionId));
    }
}
