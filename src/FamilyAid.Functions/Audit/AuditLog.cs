using Azure.Data.Tables;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Audit;

/// <summary>The append-only audit table: one partition per subject, rows newest first, only ever inserted.</summary>
public sealed partial class AuditLog(Tables tables, TimeProvider clock, ILogger<AuditLog> logger)
{
    /// <summary>Records an action by <paramref name="caller"/> (null: the system) on <paramref name="subject"/>.</summary>
    /// <remarks>Written after the action committed: a failure here is logged loudly but does not undo or fail
    /// the action the caller was told succeeded. False when it could not be written.</remarks>
    public Task<bool> Record(Caller? caller, string action, string subject, string? detail, CancellationToken ct) =>
        Write(caller, action, subject, detail, ct);

    /// <summary>Records <paramref name="action"/> on <paramref name="subject"/> unless it is recorded already; null
    /// <paramref name="caller"/> is the system (a timer finishing what a request began).</summary>
    /// <remarks>For actions a retry or recovery may reach again after a crash; two runs at the same instant may both
    /// write, which an audit trail tolerates better than a gap. False when storage could not be asked or written.</remarks>
    public async Task<bool> RecordOnce(Caller? caller, string action, string subject, string? detail, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {subject} and Action eq {action}");
        try
        {
            await foreach (var _ in tables.Audit.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["Action"], cancellationToken: ct))
            {
                return true;
            }
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            LogLost(logger, action, subject, e.GetType().Name);
            return false;
        }

        return await Record(caller, action, subject, detail, ct);
    }

    /// <summary>The actor id and role of entries the system writes on its own.</summary>
    public const string SystemActor = "system";

    /// <summary>The prefix of the row keys of entries kept beside a money movement's state (<see cref="EntryBeside"/>).</summary>
    public const string BesidePrefix = "audit-";

    /// <summary>The entry for <paramref name="action"/> on <paramref name="subject"/> as a row of the subject's own
    /// partition in another table, to be written in the same transaction as the change it records (issue 16: a money
    /// movement's end and its entry in one write). One such entry per action and subject; <see cref="About"/> lists them.</summary>
    public TableEntity EntryBeside(Caller? caller, string action, string subject, string? detail) =>
        Entry(subject, BesidePrefix + action, caller, action, detail, clock.GetUtcNow());

    /// <summary>An entry for <paramref name="action"/> on <paramref name="subject"/> as a row of the subject's own partition
    /// (a binding request's stream), to be written in the commit of the change it records; any number per action, each
    /// keyed newest first like the audit table's. <see cref="About"/> lists them.</summary>
    public TableEntity EntryInStream(Caller? caller, string action, string subject, string? detail)
    {
        var at = clock.GetUtcNow();
        return Entry(subject, BesidePrefix + RowKey(at, clock), caller, action, detail, at);
    }

    // Partition = the subject; null caller = the system.
    private static TableEntity Entry(string subject, string rowKey, Caller? caller, string action, string? detail, DateTimeOffset at) =>
        new(subject, rowKey)
        {
            ["At"] = at,
            ["ActorId"] = caller?.Id ?? SystemActor,
            ["ActorRole"] = caller is null ? SystemActor : Wire.Name(caller.Role),
            ["Action"] = action,
            ["Subject"] = subject,
            ["Detail"] = detail,
        };

    private async Task<bool> Write(Caller? caller, string action, string subject, string? detail, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var entity = Entry(subject, RowKey(at, clock), caller, action, detail, at);
        try
        {
            await tables.Audit.AddEntityAsync(entity, ct);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            // The row key holds a fresh id, so only this very insert can have made the row: an attempt whose answer was lost
            // (a timeout, then the client's retry) did write it.
            return true;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            LogLost(logger, action, subject, e is Azure.RequestFailedException { Status: > 0 } failed ? $"{e.GetType().Name} {failed.Status}" : e.GetType().Name);
            return false;
        }
    }

    /// <summary>The entries about <paramref name="subject"/>, newest first.</summary>
    /// <remarks>Entries of a money movement's ends are kept beside its state, in the Movements table (<see cref="EntryBeside"/>),
    /// and entries of a binding request's commands in its stream, in the Bindings table (<see cref="EntryInStream"/>).</remarks>
    public async Task<IReadOnlyList<AuditEntry>> About(string subject, int take, CancellationToken ct)
    {
        var beside = TableClient.CreateQueryFilter(
            $"PartitionKey eq {subject} and RowKey ge {BesidePrefix} and RowKey lt {Keys.PrefixEnd(BesidePrefix)}");
        var (own, movement, stream) = (Read(tables.Audit, TableClient.CreateQueryFilter($"PartitionKey eq {subject}"), take, ct),
            Read(tables.Movements, beside, take, ct), Read(tables.Bindings, beside, take, ct));
        var entries = await own;
        // A movement's keys ascend with the action; an end comes after the one before it (settlement, then settlement-refunded).
        entries.AddRange((await movement).AsEnumerable().Reverse());
        entries.AddRange(await stream);
        return [.. entries.OrderByDescending(e => e.At).Take(take)];
    }

    private static async Task<List<AuditEntry>> Read(TableClient table, string filter, int take, CancellationToken ct)
    {
        var entries = new List<AuditEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: take, cancellationToken: ct))
        {
            entries.Add(new AuditEntry(
                row.GetDateTimeOffset("At") ?? default, row.GetString("ActorId")!, row.GetString("ActorRole")!,
                row.GetString("Action")!, row.GetString("Subject")!, row.GetString("Detail")));
            if (entries.Count == take)
            {
                break;
            }
        }

        return entries;
    }

    // Reverse ticks sort newest first; the id keeps two entries of one instant apart.
    private static string RowKey(DateTimeOffset at, TimeProvider clock) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{Ids.New(clock)}";

    [LoggerMessage(LogLevel.Error, "AUDIT ENTRY LOST: {Action} on {Subject} could not be written ({Error}).")]
    private static partial void LogLost(ILogger logger, string action, string subject, string error);
}
