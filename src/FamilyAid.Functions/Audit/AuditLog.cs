using Azure.Data.Tables;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Audit;

/// <summary>The append-only audit table: one partition per subject, rows newest first, only ever inserted.</summary>
public sealed partial class AuditLog(Tables tables, TimeProvider clock, ILogger<AuditLog> logger)
{
    /// <summary>Records an action by <paramref name="caller"/> on <paramref name="subject"/>.</summary>
    /// <remarks>Written after the action committed: a failure here is logged loudly but does not undo or fail
    /// the action the caller was told succeeded.</remarks>
    public async Task Record(Caller caller, string action, string subject, string? detail, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var entity = new TableEntity(subject, RowKey(at, clock))
        {
            ["At"] = at,
            ["ActorId"] = caller.Id,
            ["ActorRole"] = Wire.Name(caller.Role),
            ["Action"] = action,
            ["Subject"] = subject,
            ["Detail"] = detail,
        };
        try
        {
            await tables.Audit.AddEntityAsync(entity, ct);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            LogLost(logger, action, subject, e.GetType().Name);
        }
    }

    /// <summary>The entries about <paramref name="subject"/>, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> About(string subject, int take, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {subject}");
        var entries = new List<AuditEntry>();
        await foreach (var row in tables.Audit.QueryAsync<TableEntity>(filter, maxPerPage: take, cancellationToken: ct))
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
