using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Relationships;
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
        HttpContext http, IdempotencyStore idempotency, RelationshipStore relationships, MovementStore movements, MovementRunner runner,
        TimeProvider clock, CancellationToken ct)
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
        return await IdempotentRequest.Run(http, idempotency, caller.Id, Name, body.Raw, freshId, async transferId =>
        {
            // A retry of an interrupted transfer (a claim taken over, so another id than the fresh one) finds its state
            // and finishes it, whatever became of the family group since.
            var recorded = transferId == freshId ? null : await movements.Load<Transfer>(transferId, ct);
            if (recorded is null && !(await relationships.Of(caller.Id, ct)).Any(r => r.PoolFundedBy(caller.Id)))
            {
                return Answer.From(MoneyProblems.NoFamilyPool());
            }

            // The pending mark comes before the state: a crash after it leaves something for recovery to finish. From
            // here on the client going away does not stop the transfer between its legs.
            var mark = await movements.MarkPending(transferId, nameof(Transfer), ct);
            var saga = CancellationToken.None;
            recorded ??= await movements.Create(transferId, Transfer.Start(transferId, caller.Id, amount), saga);
            var done = await runner.Run(recorded, caller, mark, saga);
            if (done.Status == TransferStatus.Refused)
            {
                return Answer.From(MoneyProblems.TransferRefused());
            }

            return Answer.Json(201, new Response(transferId, done.Status, amount));
        }, ct, resumable: true);
    }
}
