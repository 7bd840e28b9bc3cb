using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.Ledger;

/// <summary>A statement asked for: the caller's pool or personal account, a page of <see cref="Take"/> entries older than <see cref="Before"/>.</summary>
public sealed record StatementQuery(bool Pool, long? Before, int Take)
{
    /// <summary>The query string's values, or the first that is out of range.</summary>
    public static (StatementQuery? Value, Problem? Problem) Parse(string? account, long? before, int? take)
    {
        var problem = account is not (null or "personal" or "pool") ? Problems.Invalid("account", "must be personal or pool")
            : before is <= 0 ? Problems.Invalid("before", "must be a sequence number from a previous page")
            : take is < 1 or > ListMyEntries.MaxTake ? Problems.Invalid("take", $"must be between 1 and {ListMyEntries.MaxTake}")
            : null;
        return problem is null ? (new StatementQuery(account == "pool", before, take ?? ListMyEntries.DefaultTake), null) : (null, problem);
    }
}

/// <summary>Reads a caller's statement: opens their personal account on first sight, and shows a pool before its first transfer as empty.</summary>
public sealed class StatementReader(AccountLedger ledger, AccountOpener opener, RelationshipStore relationships)
{
    /// <summary>The page <paramref name="query"/> asks for, or null when the caller has no such account.</summary>
    public async Task<ListMyEntries.Page?> Read(Caller caller, StatementQuery query, CancellationToken ct)
    {
        if (AccountAccess.Own(caller, query.Pool) is not { } id)
        {
            return null;
        }

        if (await HoldingsOpening(id, ct) is { } holdings)
        {
            return await PageOf(id, holdings, query, ct);
        }

        // A pool opens with its first transfer; until then its authorizer sees it empty. Reading opens nothing.
        return query.Pool && AccountAccess.FundsPool(caller, await relationships.Of(caller.Id, ct))
            ? new ListMyEntries.Page("pool", 0, [], null)
            : null;
    }

    /// <summary>The page of <paramref name="personId"/>'s personal account that <paramref name="query"/> asks for, as
    /// someone who acts for them reads it (the caller has been authorized for that person); null when they hold none.</summary>
    public async Task<ListMyEntries.Page?> ReadPersonal(string personId, StatementQuery query, CancellationToken ct)
    {
        var id = AccountId.Personal(personId);
        return await HoldingsOpening(id, ct) is { } holdings ? await PageOf(id, holdings, query, ct) : null;
    }

    // A personal account opens on first sight; a pool does not.
    private async Task<(long BalanceFen, long ReservedFen)?> HoldingsOpening(AccountId id, CancellationToken ct)
    {
        var holdings = await ledger.Holdings(id.Value, ct);
        if (holdings is null && !id.IsPool && await opener.Open(id, ct))
        {
            holdings = await ledger.Holdings(id.Value, ct);
        }

        return holdings;
    }

    private async Task<ListMyEntries.Page> PageOf(AccountId id, (long BalanceFen, long ReservedFen) holdings, StatementQuery query, CancellationToken ct)
    {
        var size = query.Take;
        var entries = await ledger.Entries(id.Value, size + 1, query.Before, ct);
        var page = entries.Take(size).Select(e => new ListMyEntries.EntryView(
            e.Sequence, e.AmountFen, e.BalanceAfterFen, e.Reason, e.Reference, e.At, e.ReservedChangeFen, e.ReservedAfterFen)).ToList();
        return new ListMyEntries.Page(
            id.IsPool ? "pool" : "personal", holdings.BalanceFen, page, entries.Count > size ? page[^1].Sequence : null, holdings.ReservedFen);
    }
}
