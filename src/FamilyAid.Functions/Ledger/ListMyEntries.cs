using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Relationships;

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

    /// <summary>One line.</summary>
    public sealed record EntryView(long Sequence, long AmountFen, long BalanceAfterFen, string Reason, string? Reference, DateTimeOffset At);

    /// <summary>A page: <see cref="NextBefore"/> asks for the next (older) page, null on the last.</summary>
    public sealed record Page(string Account, long BalanceFen, IReadOnlyList<EntryView> Entries, long? NextBefore);

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
        HttpContext http, AccountLedger ledger, AccountOpener opener, RelationshipStore relationships, CancellationToken ct,
        string? account = null, long? before = null, int? take = null)
    {
        var caller = http.GetCaller();
        var problem = account is not (null or "personal" or "pool") ? Problems.Invalid("account", "must be personal or pool")
            : before is <= 0 ? Problems.Invalid("before", "must be a sequence number from a previous page")
            : take is < 1 or > MaxTake ? Problems.Invalid("take", $"must be between 1 and {MaxTake}")
            : null;
        if (problem is not null)
        {
            return problem.ToResult();
        }

        if (AccountAccess.Own(caller, pool: account == "pool") is not { } id)
        {
            return Problems.NotFound().ToResult();
        }

        var balance = await ledger.Balance(id.Value, ct);
        if (balance is null && account != "pool" && await opener.Open(id, ct))
        {
            balance = await ledger.Balance(id.Value, ct);
        }

        if (balance is null)
        {
            // A pool opens with its first transfer; until then its authorizer sees it empty. Reading opens nothing.
            return account == "pool" && AccountAccess.FundsPool(caller, await relationships.Of(caller.Id, ct))
                ? TypedResults.Ok(new Page("pool", 0, [], null))
                : Problems.NotFound().ToResult();
        }

        var size = take ?? DefaultTake;
        var entries = await ledger.Entries(id.Value, size + 1, before, ct);
        var page = entries.Take(size).Select(e => new EntryView(e.Sequence, e.AmountFen, e.BalanceAfterFen, e.Reason, e.Reference, e.At)).ToList();
        return TypedResults.Ok(new Page(account ?? "personal", balance.Value.BalanceFen, page, entries.Count > size ? page[^1].Sequence : null));
    }
}
