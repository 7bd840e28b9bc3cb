using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.PaymentCodes;

/// <summary><c>POST /api/payment-codes</c>: a member or an authorizer gets a short-lived, single-use payment code (展码)
/// bound to them and to one of their active relationships.</summary>
public static class IssuePaymentCode
{
    /// <summary>The function name.</summary>
    public const string Name = "IssuePaymentCode";

    /// <summary>The optional body: which relationship to pay through (default: the caller's sharing membership, then
    /// any other membership, then a relationship they authorize).</summary>
    public sealed record Request(string? RelationshipId = null);

    /// <summary>The answer.</summary>
    public sealed record Response(string Code, DateTimeOffset ExpiresAt, string RelationshipId);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/payment-codes", Handle).WithName(Name).WithTags("Families and money")
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Payment codes are for members and authorizers.")
            .Accepts<Request>("application/json")
            .Produces<Response>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Issue a payment code")
            .WithDescription(
                "A single-use code (展码) to settle at an institution, live `PaymentCodes__LifetimeSeconds` (120 s), bound to the "
                + "relationship `relationshipId`, else to the caller's sharing membership, another membership, or "
                + "a relationship they authorize.");

    private static async Task<IResult> Handle(
        HttpContext http, RelationshipStore relationships, PaymentCodeSigner signer, LedgerSettings settings,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = http.GetCaller();
        string? requested = null;
        if (http.Request.ContentLength is > 0 || http.Request.ContentType is not null)
        {
            var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
            if (problem is not null)
            {
                return problem.ToResult();
            }

            requested = body!.Value.RelationshipId;
        }

        var chosen = PaymentCodeAccess.Through(caller, await relationships.Of(caller.Id, ct), requested);
        if (chosen is null)
        {
            return (requested is not null ? Problems.NotFound() : MoneyProblems.NotInFamily()).ToResult();
        }

        // The code carries its grant: nothing is stored until a settlement uses it.
        var (grant, code) = signer.Issue(caller.Id, chosen.Id, clock.GetUtcNow() + settings.PaymentCodeLifetime);
        return TypedResults.Created((string?)null, new Response(code, grant.ExpiresAt, chosen.Id));
    }
}
