using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Ledger;

/// <summary>Money movements (settlements, transfers): one row per movement holding its saga state (partition = the
/// movement's id), and a pending index (one partition) naming those that may have legs left, for recovery.</summary>
/// <remarks>The pending row is written before the state it names and removed after the state is settled, so a crash
/// at any point leaves either nothing to do or a pending row that recovery follows.</remarks>
public sealed class MovementStore(Tables tables, PartitionWrites writes, TimeProvider clock)
{
    private const string StateRow = "state";
    private const string PendingPartition = "pending";

    /// <summary>A movement's state as read, with the ETag to save over it.</summary>
    public sealed record Stored<T>(T State, ETag ETag);

    /// <summary>What <see cref="Change"/> left: the movement as saved (or as found), whether this call saved it, and the
    /// pending mark it made before saving, if it was asked to.</summary>
    public sealed record Changed<T>(Stored<T> Stored, bool Saved, ETag? Mark);

    /// <summary>An unfinished movement named by the pending index; <see cref="Mark"/> is the ETag of that mark.</summary>
    public sealed record PendingMovement(string Id, string Kind, DateTimeOffset Since, ETag Mark);

    // The ETag of a state not yet in its own row: it waits in its pending mark (Begin), and its first save inserts the row.
    private static readonly ETag Unsaved = new("unsaved");

    /// <summary>Names a movement as unfinished (idempotent); returns the mark's ETag, which only the run that made the
    /// mark (or recovery, which read it) clears.</summary>
    /// <remarks>Merged into the mark, so that a first state recorded in it (<see cref="Begin{T}"/>) stays.</remarks>
    public async Task<ETag> MarkPending(string id, string kind, CancellationToken ct) =>
        await Mark(new TableEntity(PendingPartition, id) { ["Kind"] = kind, ["Since"] = clock.GetUtcNow() }, ct);

    /// <summary>Begins a new movement: one write names it unfinished and records its first state in that mark (issue 16: one
    /// storage request before the legs instead of two). The state gets its own row when it is first saved; until then
    /// <see cref="Load{T}"/> finds it in the mark. Returns the state and the mark's ETag (as <see cref="MarkPending"/>).</summary>
    public async Task<(Stored<T> Stored, ETag Mark)> Begin<T>(string id, T state, CancellationToken ct)
    {
        var mark = await Mark(new TableEntity(PendingPartition, id)
        {
            ["Kind"] = typeof(T).Name,
            ["Since"] = clock.GetUtcNow(),
            ["State"] = JsonSerializer.Serialize(state, Json.Options),
        }, ct);
        return (new Stored<T>(state, Unsaved), mark);
    }

    private async Task<ETag> Mark(TableEntity mark, CancellationToken ct)
    {
        // Every movement is marked in the one pending partition: marks and clears of movements under way go together.
        ct.ThrowIfCancellationRequested();
        var written = await writes.Write(tables.Movements, new TableTransactionAction(TableTransactionActionType.UpsertMerge, mark));
        return written.Headers.ETag ?? throw new InvalidOperationException("Storage returned no ETag for a pending mark.");
    }

    /// <summary>Removes the pending mark <paramref name="mark"/>; a mark made again since (a refund beginning, a retry
    /// taking over) stays, for the run that made it or for recovery.</summary>
    public async Task ClearPending(string id, ETag mark, CancellationToken ct)
    {
        try
        {
            ct.ThrowIfCancellationRequested();
            await writes.Write(tables.Movements, new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(PendingPartition, id), mark));
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Cleared by another run, or marked again since.
        }
    }

    /// <summary>Unfinished movements marked at or before <paramref name="markedBefore"/>, at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<PendingMovement>> Pending(DateTimeOffset markedBefore, int take, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PendingPartition} and Since le {markedBefore}");
        var found = new List<PendingMovement>();
        await foreach (var row in tables.Movements.QueryAsync<TableEntity>(filter, maxPerPage: take, cancellationToken: ct))
        {
            found.Add(new PendingMovement(row.RowKey, row.GetString("Kind")!, row.GetDateTimeOffset("Since")!.Value, row.ETag));
            if (found.Count == take)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>The movement's state, or null when none was recorded under this id (or it is of another kind).</summary>
    /// <remarks>A movement begun but never saved has its state in its pending mark only (<see cref="Begin{T}"/>).</remarks>
    public async Task<Stored<T>?> Load<T>(string id, CancellationToken ct)
    {
        var found = await tables.Movements.GetEntityIfExistsAsync<TableEntity>(id, StateRow, cancellationToken: ct);
        if (found.HasValue)
        {
            return found.Value!.GetString("Kind") == typeof(T).Name
                ? new Stored<T>(JsonSerializer.Deserialize<T>(found.Value.GetString("State")!, Json.Options)!, found.Value.ETag)
                : null;
        }

        var begun = await tables.Movements.GetEntityIfExistsAsync<TableEntity>(PendingPartition, id, cancellationToken: ct);
        return begun.HasValue && begun.Value!.GetString("Kind") == typeof(T).Name && begun.Value.GetString("State") is { } state
            ? new Stored<T>(JsonSerializer.Deserialize<T>(state, Json.Options)!, Unsaved)
            : null;
    }

    /// <summary>Records a new movement; when one was recorded under this id already (a retry), returns that one.</summary>
    public async Task<Stored<T>> Create<T>(string id, T state, CancellationToken ct)
    {
        try
        {
            var added = await tables.Movements.AddEntityAsync(Row(id, state), ct);
            return new Stored<T>(state, added.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await Load<T>(id, ct) ?? throw new InvalidOperationException($"Movement {id} exists with another kind.");
        }
    }

    /// <summary>Saves a new state over the one read; null when someone else saved first (read again). The app saves
    /// through <see cref="Change"/>.</summary>
    /// <remarks>A state begun in its pending mark (<see cref="Begin{T}"/>) is inserted; another run that inserted first wins.</remarks>
    public async Task<Stored<T>?> Save<T>(string id, T state, ETag etag, CancellationToken ct)
    {
        try
        {
            var entity = Row(id, state);
            var written = etag == Unsaved
                ? await tables.Movements.AddEntityAsync(entity, ct)
                : await tables.Movements.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge, ct);
            return new Stored<T>(state, written.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 409)
        {
            return null;
        }
    }

    /// <summary>As <see cref="Save{T}"/>, adding <paramref name="beside"/> (a row of the movement's own partition, such as its
    /// audit entry) in the same transaction: both are written or neither.</summary>
    private async Task<Stored<T>?> SaveWith<T>(string id, T state, ETag etag, TableEntity beside, CancellationToken ct)
    {
        try
        {
            TableTransactionAction saving = etag == Unsaved
                ? new(TableTransactionActionType.Add, Row(id, state))
                : new(TableTransactionActionType.UpdateMerge, Row(id, state), etag);
            var answered = await tables.Movements.SubmitTransactionAsync([saving, new(TableTransactionActionType.Add, beside)], ct);
            return new Stored<T>(state, answered.Value.Count > 0 && answered.Value[0].Headers.ETag is { } tag ? tag : ETag.All);
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 409)
        {
            return null;
        }
    }

    /// <summary>Whether the row <paramref name="rowKey"/> of the movement's partition exists.</summary>
    public async Task<bool> Has(string id, string rowKey, CancellationToken ct) =>
        (await tables.Movements.GetEntityIfExistsAsync<TableEntity>(id, rowKey, select: ["RowKey"], cancellationToken: ct)).HasValue;

    /// <summary>The one load → decide → save path of a movement: decides on <paramref name="first"/>, then, whenever
    /// another run saved first, on what it saved (<see cref="Optimistic"/>); a decision that changes nothing saves nothing.</summary>
    /// <param name="decide">The next state (it may post legs on the way: they replay by their keys when decided again).</param>
    /// <param name="markPending">Mark the movement pending before saving a change (the mark is written before the
    /// state it names, so that a crash after the save leaves it for recovery).</param>
    /// <param name="beside">A row of the movement's partition to write with a new state (null: none), e.g. the audit entry of
    /// the end that state reaches.</param>
    public Task<Changed<T>> Change<T>(
        Stored<T> first, string id, Func<T, Task<T>> decide, bool markPending, CancellationToken ct, Func<T, TableEntity?>? beside = null) =>
        Optimistic.Retry<Changed<T>>($"Movement {id}", async attempt =>
        {
            var current = attempt.IsFirst ? first : await Load<T>(id, ct) ?? throw new InvalidOperationException($"Movement {id} vanished.");
            var after = await decide(current.State);
            if (EqualityComparer<T>.Default.Equals(after, current.State))
            {
                return new Changed<T>(current, Saved: false, Mark: null);
            }

            var mark = markPending ? await MarkPending(id, typeof(T).Name, ct) : (ETag?)null;
            var saving = beside?.Invoke(after) is { } row ? SaveWith(id, after, current.ETag, row, ct) : Save(id, after, current.ETag, ct);
            return await saving is { } saved ? new Changed<T>(saved, Saved: true, mark) : Optimistic.Lost;
        }, ct);

    private static TableEntity Row<T>(string id, T state) => new(id, StateRow)
    {
        ["Kind"] = typeof(T).Name,
        ["State"] = JsonSerializer.Serialize(state, Json.Options),
    };
}
