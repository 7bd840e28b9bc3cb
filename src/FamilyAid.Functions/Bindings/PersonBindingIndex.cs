using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Bindings;

/// <summary>Per person: the requests they are part of, and for authorizers a guard row per (member, kind)
/// naming the open request, so that two racing creates cannot both open one.</summary>
public sealed class PersonBindingIndex(Tables tables, TimeProvider clock)
{
    /// <summary>The guard row: which request it names, when it was taken, and the ETag to replace it with.</summary>
    public sealed record Guard(string BindingId, DateTimeOffset TakenAt, ETag ETag);

    /// <summary>The guard for this authorizer, member and kind, if any.</summary>
    public async Task<Guard?> GuardOf(string authorizerId, string memberId, BindingKind kind, CancellationToken ct)
    {
        var found = await tables.PersonBindings.GetEntityIfExistsAsync<TableEntity>(
            authorizerId, Keys.OpenGuard(memberId, kind.ToString()), cancellationToken: ct);
        return found.HasValue
            ? new Guard(found.Value!.GetString("BindingId")!, found.Value.GetDateTimeOffset("TakenAt") ?? DateTimeOffset.MinValue, found.Value.ETag)
            : null;
    }

    /// <summary>Every guard of <paramref name="authorizerId"/> for requests of <paramref name="kind"/> (some may name
    /// final requests whose release is still to run: <see cref="OpenRequestGuard"/> tells).</summary>
    public async Task<IReadOnlyList<Guard>> GuardsOf(string authorizerId, BindingKind kind, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {authorizerId} and RowKey ge {Keys.OpenGuardPrefix} and RowKey lt {Keys.PrefixEnd(Keys.OpenGuardPrefix)}");
        var guards = new List<Guard>();
        await foreach (var row in tables.PersonBindings.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (row.RowKey.EndsWith($"-{kind}", StringComparison.Ordinal))
            {
                guards.Add(new Guard(row.GetString("BindingId")!, row.GetDateTimeOffset("TakenAt") ?? DateTimeOffset.MinValue, row.ETag));
            }
        }

        return guards;
    }

    /// <summary>Records a new request for both people; false when another request took the guard first.</summary>
    /// <param name="seen">The guard read before deciding: null (insert one), one naming this request (a retry:
    /// keep it), or one naming a finished request (replace it, if nobody did meanwhile).</param>
    public async Task<bool> Register(string bindingId, string authorizerId, string memberId, BindingKind kind, Guard? seen, CancellationToken ct)
    {
        var guard = new TableEntity(authorizerId, Keys.OpenGuard(memberId, kind.ToString()))
        {
            ["BindingId"] = bindingId,
            ["TakenAt"] = clock.GetUtcNow(),
        };
        var guardAction = seen switch
        {
            null => new TableTransactionAction(TableTransactionActionType.Add, guard),
            _ when seen.BindingId == bindingId => new TableTransactionAction(TableTransactionActionType.UpsertReplace, guard),
            _ => new TableTransactionAction(TableTransactionActionType.UpdateReplace, guard, seen.ETag),
        };
        try
        {
            await Submit(guardAction, authorizerId, bindingId, ct);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && guardAction.ActionType == TableTransactionActionType.UpdateReplace)
        {
            // The finished request's guard was released between our read and this write (its release runs as an
            // effect, a moment after it ends): the slot is free, so take it as new.
            try
            {
                await Submit(new TableTransactionAction(TableTransactionActionType.Add, guard), authorizerId, bindingId, ct);
            }
            catch (TableTransactionFailedException again) when (again.Status is 409 or 412)
            {
                if (!await Names(authorizerId, memberId, kind, bindingId, ct))
                {
                    return false;
                }
            }
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            if (!await Names(authorizerId, memberId, kind, bindingId, ct))
            {
                return false;
            }
        }

        await tables.PersonBindings.UpsertEntityAsync(Listing(memberId, bindingId, "member"), TableUpdateMode.Replace, ct);
        return true;
    }

    // Whether the guard names this very request: the write that took it landed, but its answer was lost (a timeout during a
    // storage stall) and the client's retry of the same transaction was refused.
    private async Task<bool> Names(string authorizerId, string memberId, BindingKind kind, string bindingId, CancellationToken ct) =>
        (await GuardOf(authorizerId, memberId, kind, ct))?.BindingId == bindingId;

    private async Task Submit(TableTransactionAction guardAction, string authorizerId, string bindingId, CancellationToken ct) =>
        await tables.PersonBindings.SubmitTransactionAsync(
        [
            guardAction,
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, Listing(authorizerId, bindingId, "authorizer")),
        ], ct);

    /// <summary>Frees the guard once its request is final (only if it still names that request).</summary>
    public async Task Release(ReleaseOpenRequest final, CancellationToken ct)
    {
        var guard = await GuardOf(final.AuthorizerId, final.MemberId, final.Kind, ct);
        if (guard is null || guard.BindingId != final.BindingId)
        {
            return;
        }

        try
        {
            await tables.PersonBindings.DeleteEntityAsync(
                final.AuthorizerId, Keys.OpenGuard(final.MemberId, final.Kind.ToString()), guard.ETag, ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone or replaced already; a stale guard is also recognised by the status of the request it names.
        }
    }

    /// <summary>The ids of the requests <paramref name="personId"/> is part of, newest first.</summary>
    public async Task<IReadOnlyList<string>> BindingsOf(string personId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {personId} and RowKey ge {Keys.PersonBindingPrefix} and RowKey lt {Keys.PrefixEnd(Keys.PersonBindingPrefix)}");
        var ids = new List<string>();
        await foreach (var row in tables.PersonBindings.QueryAsync<TableEntity>(filter, select: ["BindingId"], cancellationToken: ct))
        {
            ids.Add(row.GetString("BindingId")!);
        }

        // Version-7 ids sort by creation time.
        ids.Sort(StringComparer.Ordinal);
        ids.Reverse();
        return ids;
    }

    private static TableEntity Listing(string personId, string bindingId, string role) =>
        new(personId, Keys.PersonBinding(bindingId)) { ["BindingId"] = bindingId, ["Role"] = role };
}
