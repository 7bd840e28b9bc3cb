using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Ledger;

/// <summary><c>GET /api/accounts/mine/entries</c>: the caller's statement, newest first, a page at a time
/// (<c>?account=pool</c> for the pool an authorizer funds).</summary>
public static class ListMyEntries
{
    /// <summary>The function name.</summary>
    public const string Name = "ListMyEntries";

    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultTake = 50;

    /// <summary>The largest page.</summary>
    public const int MaxTake = 200;

    /// <summary>One line; <see cref="ReservedChangeFen"/> is what it reserved for (or released from) relatives' quotas.</summary>
    public sealed record EntryView(
        long Sequence, long AmountFen, long BalanceAfterFen, string Reason, string? Reference, DateTimeOffset At, long ReservedChangeFen = 0, long ReservedAfterFen = 0);

    /// <summary>A page: <see cref="NextBefore"/> asks for the next (older) page, null on the last; <see cref="ReservedFen"/>
    /// is the part of the balance reserved for relatives' quotas (共济额度), which the holder cannot spend.</summary>
    public sealed record Page(string Account, long BalanceFen, IReadOnlyList<EntryView> Entries, long? NextBefore, long ReservedFen = 0);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/mine/entries", Handle).WithName(Name).WithTags("Families and money")
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Statements are for account holders.")
            .Produces<Page>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Read my account statement")
            .WithDescription(
                "The entries of the caller's `personal` account or of the `pool` they fund, newest first: `take` 1–200 (default 50), "
                + "then `before` the answer's `nextBefore` for older pages.");

    private static async Task<IResult> Handle(
        HttpContext http, StatementReader statements, CancellationToken ct, string? account = null, long? before = null, int? take = null)
    {
        var (query, problem) = StatementQuery.Parse(account, before, take);
        if (query is null)
        {
            return problem!.ToResult();
        }

        var page = await statements.Read(http.GetCaller(), query, ct);
        return page is null ? Problems.NotFound().ToResult() : TypedResults.Ok(page);
    }
}
