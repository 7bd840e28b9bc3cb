using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Proxy;

/// <summary><c>GET /api/me/proxy-actions</c>: the caller sees every action proxies took in their name (亲情账户), newest first.</summary>
public static class ListMyProxyActions
{
    /// <summary>The function name.</summary>
    public const string Name = "ListMyProxyActions";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/me/proxy-actions", Handle).WithName(Name).WithTags(ProxyFeature.Tag)
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Proxy actions are shown to the insured person they were taken for.")
            .Produces<ProxyActionLog.Page>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("List what proxies did in my name")
            .WithDescription(
                "Every action a proxy took in the caller's name: `action` (`e-voucher-shown`, `statement-read`), `by` (the proxy's "
                + "masked name) and `at`, newest first: `take` 1–200 (default 50), then `before` the answer's `nextBefore`.");

    private static async Task<IResult> Handle(
        HttpContext http, ProxyActionLog log, CancellationToken ct, string? before = null, int? take = null)
    {
        var caller = http.GetCaller();
        var problem = before is not null && !ProxyActions.IsCursor(before) ? Problems.Invalid("before", "must be a nextBefore from a previous page")
            : take is < 1 or > ListMyEntries.MaxTake ? Problems.Invalid("take", $"must be between 1 and {ListMyEntries.MaxTake}")
            : null;
        if (problem is not null)
        {
            return problem.ToResult();
        }

        // A subject that cannot be a person id holds no actions.
        return TypedResults.Ok(Keys.IsSafeId(caller.Id)
            ? await log.Read(caller.Id, before, take ?? ListMyEntries.DefaultTake, ct)
            : new ProxyActionLog.Page([], null));
    }
}
