using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Bindings.FaceCheck;

/// <summary><c>POST /api/callbacks/face-check</c>: the provider's verdict, signed (HMAC over timestamp and raw body,
/// 300 s window). A repeated callback changes nothing and answers 200 again. No bearer token: the signature is the caller.</summary>
public static class FaceCheckCallback
{
    private static readonly Problem InvalidSignature = new(401, "invalid-signature", "The callback signature is missing, wrong or too old.");

    /// <summary>The function name.</summary>
    public const string Name = "FaceCheckCallback";

    /// <summary>The timestamp header (unix seconds).</summary>
    public const string TimestampHeader = "X-FamilyAid-Timestamp";

    /// <summary>The signature header (<c>sha256=&lt;hex&gt;</c>).</summary>
    public const string SignatureHeader = "X-FamilyAid-Signature";

    /// <summary>The verdict.</summary>
    public enum Verdict
    {
        /// <summary>The face matched the member.</summary>
        Pass,

        /// <summary>It did not.</summary>
        Fail,
    }

    /// <summary>The body.</summary>
    public sealed record Request(string SessionId, Verdict Result, double Score);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/callbacks/face-check", Handle).WithName(Name).WithTags("Face check").AllowAnonymous()
            .Accepts<Request>("application/json")
            .Produces<StatusView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithRequestHeader(
                TimestampHeader, required: true, "When the provider signed the call, in unix seconds; at most 300 s from now either way.",
                "1764813600", "^[0-9]+$")
            .WithRequestHeader(
                SignatureHeader, required: true,
                "`sha256=` and the lower-case hex HMAC-SHA256, under the shared callback secret, of the timestamp, `.` and the raw body.",
                "sha256=" + new string('0', 64), "^sha256=[0-9a-f]{64}$")
            .WithSummary("Receive the provider's face-check verdict")
            .WithDescription(
                "Called by the face-check provider without a token: the call is signed (`X-FamilyAid-Timestamp`, "
                + "`X-FamilyAid-Signature`). A missing or wrong signature, or a timestamp more than 300 s away, is 401 and nothing of "
                + "the body is read. A repeated or late callback changes nothing and answers the current status.");

    private static async Task<IResult> Handle(
        HttpContext http, FaceCheckSettings settings, FaceChecks faceChecks, TimeProvider clock, CancellationToken ct)
    {
        var (raw, problem) = await JsonBody.ReadRaw(http.Request, ct);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        // Nothing of an unsigned body is parsed or believed.
        var secrets = settings.PreviousCallbackSecrets.Prepend(settings.CallbackSecret);
        if (!CallbackSignature.Verify(secrets, http.Request.Headers[TimestampHeader], http.Request.Headers[SignatureHeader], raw, clock.GetUtcNow()))
        {
            return InvalidSignature.ToResult();
        }

        var (body, invalid) = JsonBody.Parse<Request>(raw!);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        var request = body!.Value;
        var (after, refused) = await faceChecks.Record(request.SessionId, request.Result == Verdict.Pass, request.Score, ct);
        return refused is not null ? refused.ToResult() : TypedResults.Ok(new StatusView(after!.ShownStatus()));
    }
}
