using System.Globalization;
using Azure;
using Azure.Data.Tables;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>A durable timer: wake this request at this time.</summary>
public sealed record DueTimer(string BindingId, DateTimeOffset DueAt, string PartitionKey, string RowKey);

/// <summary>Durable timers as rows in a due-time index: partition = the due hour (UTC), row = due ticks + request.</summary>
/// <remarks>Setting a timer twice writes the same row; a timer whose request moved on is fired anyway and ignored by the decider.</remarks>
public sealed class TimerStore(Tables tables)
{
    /// <summary>Sets (idempotently) a timer.</summary>
    public Task Set(string bindingId, DateTimeOffset dueAt, CancellationToken ct) =>
        tables.Timers.UpsertEntityAsync(new TableEntity(Bucket(dueAt), RowKey(dueAt, bindingId))
        {
            ["BindingId"] = bindingId,
            ["DueAt"] = dueAt,
        }, TableUpdateMode.Replace, ct);

    /// <summary>Timers due at or before <paramref name="now"/>, oldest first, at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<DueTimer>> Due(DateTimeOffset now, int take, CancellationToken ct)
    {
        // Every row in an earlier hour is due; in this hour, those whose ticks are not after now.
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Bucket(now)} and RowKey lt {Ticks(now.AddTicks(1))}");
        var due = new List<DueTimer>();
        await foreach (var row in tables.Timers.QueryAsync<TableEntity>(filter, maxPerPage: take, cancellationToken: ct))
        {
            due.Add(new DueTimer(row.GetString("BindingId")!, row.GetDateTimeOffset("DueAt")!.Value, row.PartitionKey, row.RowKey));
            if (due.Count == take)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>Removes a fired timer.</summary>
    public async Task Remove(DueTimer timer, CancellationToken ct)
    {
        try
        {
            await tables.Timers.DeleteEntityAsync(timer.PartitionKey, timer.RowKey, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Fired by another instance too.
        }
    }

    private static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static string RowKey(DateTimeOffset at, string bindingId) => $"{Ticks(at)}-{bindingId}";
}
