using Azure;
using Azure.Data.Tables;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>Thrown when a runner's claim on an import was taken over: it must stop at once, writing nothing more.</summary>
public sealed class ImportClaimLostException(string importId) : Exception($"The claim on import {importId} was lost.");

/// <summary>Import rows (partition = import id). A runner claims an import by writing its name and a lease end under the
/// row's ETag, and every checkpoint is written under the ETag of the last: two runners can never both be writing.</summary>
public sealed class ImportStore(ImportStorage storage)
{
    private const string Row = "import";

    /// <summary>Creates a queued import; false when one with this id exists already.</summary>
    public async Task<bool> Create(string id, string blob, string source, long size, DateTimeOffset now, CancellationToken ct)
    {
        await storage.Ready(ct);
        var entity = new TableEntity(id, Row)
        {
            ["Blob"] = blob, ["Source"] = source, ["Size"] = size, ["Status"] = nameof(ImportStatus.Queued), ["CreatedAt"] = now,
        };
        try
        {
            await storage.Table.AddEntityAsync(Write(entity, ImportCounts.None, Checkpoint.Start), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The import with this id, or null.</summary>
    public async Task<ImportRecord?> Get(string id, CancellationToken ct)
    {
        if (!Keys.IsSafeId(id))
        {
            return null;
        }

        await storage.Ready(ct);
        var found = await storage.Table.GetEntityIfExistsAsync<TableEntity>(id, Row, cancellationToken: ct);
        return found.HasValue ? ToRecord(found.Value!) : null;
    }

    /// <summary>Claims the import for <paramref name="owner"/> until <paramref name="until"/>; null when it is finished,
    /// missing, or held by another runner (or claimed by one meanwhile).</summary>
    public async Task<ImportRecord?> Claim(string id, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        var import = await Get(id, ct);
        if (import is null || import.Status is ImportStatus.Done or ImportStatus.Failed || import.HeldByOther(owner, now))
        {
            return null;
        }

        var entity = new TableEntity(id, Row)
        {
            ["Status"] = nameof(ImportStatus.Running), ["LeaseOwner"] = owner, ["LeaseUntil"] = until, ["StartedAt"] = import.StartedAt ?? now,
        };
        return await Merge(import, entity, ct);
    }

    /// <summary>Saves the counts and checkpoint and renews the claim until <paramref name="until"/>.</summary>
    /// <exception cref="ImportClaimLostException">Another runner took the import over.</exception>
    public async Task<ImportRecord> Save(ImportRecord claimed, ImportCounts counts, Checkpoint checkpoint, DateTimeOffset until, CancellationToken ct) =>
        await Merge(claimed, Write(new TableEntity(claimed.Id, Row) { ["LeaseUntil"] = until }, counts, checkpoint), ct)
        ?? throw new ImportClaimLostException(claimed.Id);

    /// <summary>Ends the import as <paramref name="status"/> and lets go of it.</summary>
    public async Task Finish(ImportRecord claimed, ImportStatus status, string? error, DateTimeOffset now, CancellationToken ct)
    {
        var entity = new TableEntity(claimed.Id, Row)
        {
            ["Status"] = status.ToString(), ["FinishedAt"] = now, ["LeaseOwner"] = null, ["LeaseUntil"] = null, ["Error"] = error,
        };
        _ = await Merge(claimed, entity, ct) ?? throw new ImportClaimLostException(claimed.Id);
    }

    /// <summary>Lets go of the import (a later run continues from its checkpoint); nothing when it was taken over.</summary>
    public Task Release(ImportRecord claimed, CancellationToken ct) =>
        Merge(claimed, new TableEntity(claimed.Id, Row) { ["LeaseOwner"] = null, ["LeaseUntil"] = null }, ct);

    // Written under the ETag of the row as last read or written by this runner; null when someone else wrote since.
    private async Task<ImportRecord?> Merge(ImportRecord claimed, TableEntity changes, CancellationToken ct)
    {
        try
        {
            // Replaced whole (a merge would keep columns set to null, such as a released lease).
            var entity = Apply(claimed, changes);
            var response = await storage.Table.UpdateEntityAsync(entity, new ETag(claimed.Version), TableUpdateMode.Replace, ct);
            return ToRecord(entity) with { Version = response.Headers.ETag.ToString()! };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    private static TableEntity Write(TableEntity entity, ImportCounts counts, Checkpoint checkpoint)
    {
        entity["Read"] = counts.Read;
        entity["Applied"] = counts.Applied;
        entity["Unchanged"] = counts.Unchanged;
        entity["Refused"] = counts.Refused;
        entity["Line"] = checkpoint.Line;
        entity["Offset"] = checkpoint.Offset;
        return entity;
    }

    // The record as it is after a merge of changes: its columns, then the changed ones.
    private static TableEntity Apply(ImportRecord record, TableEntity changes)
    {
        var entity = Write(new TableEntity(record.Id, Row)
        {
            ["Blob"] = record.Blob, ["Source"] = record.Source, ["Size"] = record.Size, ["Status"] = record.Status.ToString(),
            ["CreatedAt"] = record.CreatedAt, ["StartedAt"] = record.StartedAt, ["FinishedAt"] = record.FinishedAt,
            ["LeaseOwner"] = record.LeaseOwner, ["LeaseUntil"] = record.LeaseUntil, ["Error"] = record.Error,
        }, record.Counts, record.Checkpoint);
        foreach (var (key, value) in changes)
        {
            entity[key] = value;
        }

        return entity;
    }

    private static ImportRecord ToRecord(TableEntity e) => new(
        e.PartitionKey, e.GetString("Blob")!, e.GetString("Source")!, e.GetInt64("Size") ?? 0,
        Enum.Parse<ImportStatus>(e.GetString("Status")!),
        new ImportCounts(e.GetInt64("Read") ?? 0, e.GetInt64("Applied") ?? 0, e.GetInt64("Unchanged") ?? 0, e.GetInt64("Refused") ?? 0),
        new Checkpoint(e.GetInt64("Line") ?? 0, e.GetInt64("Offset") ?? 0),
        e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("StartedAt"), e.GetDateTimeOffset("FinishedAt"),
        e.GetString("LeaseOwner"), e.GetDateTimeOffset("LeaseUntil"), e.GetString("Error"), e.ETag.ToString());
}
