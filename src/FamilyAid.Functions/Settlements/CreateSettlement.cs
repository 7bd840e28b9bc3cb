using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Institutions;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Settlements;

/// <summary><c>POST /api/settlements</c>: an institution settles a bill against a scanned payment code; the member's
/// own account pays first, then the family account, the rest in cash.</summary>
public static class CreateSettlement
{
    /// <summary>The function name.</summary>
    public const string Name = "CreateSettlement";

    /// <summary>The largest bill accepted (one million yuan), far above any real one; it keeps sums far from overflow.</summary>
    public const long MaxBillFen = 100_000_000;

    /// <summary>The body.</summary>
    public sealed record Request(string PaymentCode, SpendingCategory Category, long AmountFen);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/settlements", Handle).WithName(Name).WithTags("Families and money")
            .RequireAuthorization(Policies.Institution)
            .WhenForbidden("Only institutions settle.")
            .Accepts<Request>("application/json")
            .Produces<SettlementView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithIdempotencyKey(required: true)
            .WithSummary("Settle a bill")
            .WithDescription(
                "An institution settles a bill by the payer's payment code: the payer's own personal account first (employee "
                + "insurance only), then the family account, the rest in cash. It never fails for lack of money; it only moves less. "
                + "The `Idempotency-Key` is scoped to the institution, so every desk of one hospital shares its keys.");

    private static async Task<IResult> Handle(
        HttpContext http, IdempotencyStore idempotency, SettlementDesk desk, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.GetCaller();
        // The Institution policy lets only a designated institution through, and keeps what it read of it.
        var institution = DesignatedInstitutions.Of(http);

        if (IdempotentRequest.Require(http) is { } missingKey)
        {
            return missingKey.ToResult();
        }

        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        problem ??= body!.Value switch
        {
            { AmountFen: <= 0 or > MaxBillFen } => Problems.Invalid("amountFen", $"must be between 1 and {MaxBillFen} fen"),
            { PaymentCode: "" or { Length: > 200 } } => Problems.Invalid("paymentCode", "must be the scanned code"),
            _ => null,
        };
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var request = body!.Value;
        var freshId = Ids.New(clock);
        return await IdempotentRequest.Run(http, idempotency, $"institution:{institution.Id}", Name, body.Raw, freshId,
            settlementId => desk.Settle(settlementId, settlementId == freshId, caller, institution, request, ct), ct, resumable: true,
            answered: settlementId => desk.Answered(settlementId, ct));
    }
}
