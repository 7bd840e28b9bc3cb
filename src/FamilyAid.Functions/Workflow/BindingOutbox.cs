using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Workflow;

/// <summary>Moves outbox rows to the effects queue: each row is sent, then deleted.</summary>
/// <remarks>A crash between the two sends the row again later (the sweep); effects are idempotent by their
/// outbox key, so a duplicate message does nothing twice.</remarks>
public sealed class BindingOutbox(Tables tables, Queues queues, TimeProvider clock)
{
    /// <summary>Rows younger than this are left to the request that wrote them.</summary>
    public static readonly TimeSpan SweepAge = TimeSpan.FromSeconds(30);

    /// <summary>Sends every pending row of one request.</summary>
    public async Task Dispatch(string bindingId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {bindingId} and RowKey ge {Keys.OutboxPrefix} and RowKey lt {Keys.PrefixEnd(Keys.OutboxPrefix)}");
        await foreach (var row in tables.Bindings.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            await Send(row, ct);
        }
    }

    /// <summary>Sends the rows of every request that a crashed process left behind; returns how many.</summary>
    public async Task<int> Sweep(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - SweepAge;
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {Keys.OutboxPrefix} and RowKey lt {Keys.PrefixEnd(Keys.OutboxPrefix)} and CreatedAt le {before}");
        var sent = 0;
        await foreach (var row in tables.Bindings.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            await Send(row, ct);
            sent++;
        }

        return sent;
    }

    private async Task Send(TableEntity row, CancellationToken ct)
    {
        var message = new EffectMessage(row.PartitionKey, row.RowKey, row.GetString("Name")!, row.GetString("Data")!);
        await queues.Effects.SendMessageAsync(JsonSerializer.Serialize(message, Json.Options), ct);
        try
        {
            await tables.Bindings.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Another dispatcher sent it too; the effect is idempotent.
        }
    }
}
