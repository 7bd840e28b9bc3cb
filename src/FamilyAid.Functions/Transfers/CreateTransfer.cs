using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Transfers;

/// <summary><c>POST /api/transfers</c>: the authorizer of a group in a pool region transfers (划拨) from their personal
/// account into the family pool; any amount, any number of times.</summary>
public static class CreateTransfer
{
    /// <summary>The function name.</summary>
    public const string Name = "CreateTransfer";

    /// <summary>The body.</summary>
    public sealed record Request(long AmountFen);

    /// <summary>The answer.</summary>
    public sealed record Response(string Id, TransferStatus Status, long AmountFen);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/transfers", Handle).WithName(Name).WithTags("Families and money")
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Transfers are made by the authorizer of a family group.")
            .Accepts<Request>("application/json")
            .Produces<Response>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithIdempotencyKey(required: true)
            .WithSummary("Transfer into the family pool")
            .WithDescription(
                "The authorizer of a sharing group in a region that keeps a pool moves money from their personal account into the "
                + "pool (划拨). `insufficient-balance` moves nothing, and that refusal is kept under the `Idempotency-Key`.");

    private static async Task<IResult> Handle(
        HttpContext http, IdempotencyStore idempotency, TransferDesk desk, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.GetCaller();
        if (IdempotentRequest.Require(http) is { } missingKey)
        {
            return missingKey.ToResult();
        }

        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        problem ??= body!.Value.AmountFen is <= 0 or > Settlements.CreateSettlement.MaxBillFen
            ? Problems.Invalid("amountFen", $"must be between 1 and {Settlements.CreateSettlement.MaxBillFen} fen")
            : null;
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var amount = body!.Value.AmountFen;
        var freshId = Ids.New(clock);
        return await IdempotentRequest.Run(http, idempotency, caller.Id, Name, body.Raw, freshId,
            transferId => desk.Run(transferId, transferId == freshId, caller, amount, ct), ct, resumable: true);
    }
}
