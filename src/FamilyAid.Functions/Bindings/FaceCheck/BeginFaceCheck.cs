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
    public sealed record Request(bool Consent)
    {
        /// <summary>The body as given, or why it cannot start a face check (no consent).</summary>
        public (Request? Value, Problem? Problem) Parse() =>
            Consent ? (this, null) : (null, new Problem(422, "consent-required", "Consent to biometric processing is needed for a face check."));
    }

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
        string id, HttpContext http, BindingStreamStore streams, FaceChecks faceChecks, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var (loaded, denied) = await BindingLookup.For(streams, id, caller, BindingAccess.Member, "Only the member checks their own face.", ct);
        if (denied is not null)
        {
            return denied.ToResult();
        }

        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        var (_, invalid) = body is null ? (null, problem) : body.Value.Parse();
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        var (sessionId, refused) = await faceChecks.Begin(id, loaded!, caller, ct);
        return refused is not null ? refused.ToResult() : TypedResults.Created($"/api/bindings/{id}", new Response(sessionId!));
    }
}
