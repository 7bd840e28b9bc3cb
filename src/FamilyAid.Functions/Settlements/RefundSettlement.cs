using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Settlements;

/// <summary><c>POST /api/settlements/{id}/refund</c>: the institution that settled gives the bill back; exactly the
/// debited legs are restored, once, however often it is asked.</summary>
public static class RefundSettlement
{
    /// <summary>The function name.</summary>
    public const string Name = "RefundSettlement";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/settlements/{id}/refund", Handle).WithName(Name).WithTags("Families and money")
            .RequireAuthorization(Policies.Institution)
            .WhenForbidden("Only the institution that settled may refund.")
            .Produces<SettlementView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Refund a settlement")
            .WithDescription("The institution that settled it restores exactly what each leg debited, once, however often it asks.");

    private static async Task<IResult> Handle(
        string id, HttpContext http, MovementStore movements, MovementRunner runner, CancellationToken ct)
    {
        var caller = http.GetCaller();
        // Another institution's settlement is answered as if it did not exist.
        if (!Keys.IsSafeId(id) || await movements.Load<Settlement>(id, ct) is not { } stored
            || SettlementAccessRules.Of(caller, stored.State) == SettlementAccess.None)
        {
            return Problems.NotFound().ToResult();
        }

        var refunded = await runner.Refund(stored, caller, ct);
        return TypedResults.Ok(SettlementView.Of(refunded));
    }
}
