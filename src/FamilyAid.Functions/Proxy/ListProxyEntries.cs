using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Ledger;

namespace FamilyAid.Functions.Proxy;

/// <summary><c>GET /api/proxy/{personId}/entries</c>: the proxy reads the person's personal-account statement (their
/// spending), paged as <c>GET /api/accounts/mine/entries</c>.</summary>
public static class ListProxyEntries
{
    /// <summary>The function name.</summary>
    public const string Name = "ListProxyEntries";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/proxy/{personId}/entries", Handle).WithName(Name).WithTags(ProxyFeature.Tag)
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Only insured people act for relatives.")
            .Produces<ListMyEntries.Page>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Read a person's statement")
            .WithDescription(
                "For the authorizer of an active proxy relationship with `personId`: that person's `personal` account entries, "
                + "newest first, `take` 1–200 (default 50), then `before` the answer's `nextBefore`. A proxy sees no family pool "
                + "(`account=pool` is 404). Recorded in the person's proxy actions. Anyone else: 404.");

    private static async Task<IResult> Handle(
        string personId, HttpContext http, ProxyAccess access, ProxyActions actions, StatementReader statements, TimeProvider clock,
        CancellationToken ct, string? account = null, long? before = null, int? take = null)
    {
        var (query, problem) = StatementQuery.Parse(account, before, take);
        var caller = http.GetCaller();
        if (await access.ActingFor(caller, personId, ct) is not { } proxy || query is { Pool: true })
        {
            return Problems.NotFound().ToResult();
        }

        if (query is null)
        {
            return problem!.ToResult();
        }

        await actions.Record(proxy.MemberId, caller.Id, ProxyActions.StatementRead, clock.GetUtcNow(), ct);
        var page = await statements.ReadPersonal(proxy.MemberId, query, ct);
        return page is null ? Problems.NotFound().ToResult() : TypedResults.Ok(page);
    }
}
