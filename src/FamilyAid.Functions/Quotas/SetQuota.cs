using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Quotas;

/// <summary><c>PUT /api/relationships/{id}/quota</c>: the sharer sets the relative's 共济额度, reserved in the sharer's
/// personal account; no money moves, the sharer cannot spend it, the relative can.</summary>
public static class SetQuota
{
    /// <summary>The function name.</summary>
    public const string Name = "SetQuota";

    /// <summary>The largest quota accepted (one million yuan, as the largest bill).</summary>
    public const long MaxQuotaFen = 100_000_000;

    /// <summary>The body.</summary>
    public sealed record Request(long AmountFen);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/relationships/{id}/quota", Handle).WithName(Name).WithTags("Families and money")
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Only the sharer sets a quota.")
            .Accepts<Request>("application/json")
            .Produces<QuotaDesk.QuotaView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Set a relative's quota")
            .WithDescription(
                "The sharer (the authorizer of an active sharing relationship) reserves `amountFen` of their personal account for the "
                + "relative: raising it reserves from the unreserved balance (422 `insufficient-balance` when short), lowering it releases "
                + "the difference, the same amount again changes nothing. Anyone else: 404.");

    private static async Task<IResult> Handle(string id, HttpContext http, QuotaDesk desk, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        problem ??= body!.Value.AmountFen is < 0 or > MaxQuotaFen
            ? Problems.Invalid("amountFen", $"must be between 0 and {MaxQuotaFen} fen")
            : null;
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var (view, refused) = await desk.Set(http.GetCaller(), id, body!.Value.AmountFen, ct);
        return view is null ? refused!.ToResult() : TypedResults.Ok(view);
    }
}
