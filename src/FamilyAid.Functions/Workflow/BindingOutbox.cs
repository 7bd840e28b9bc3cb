using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Workflow;

/// <summary>Moves outbox rows to the effects queue: each row is sent, then deleted (after the commit that wrote them,
/// or by the sweep when that process died first).</summary>
/// <remarks>A crash between the two sends the row again later (the sweep); effects are idempotent by their
/// outbox key, so a duplicate message does nothing twice.</remarks>
public sealed class BindingOutbox(Tables tables, Queues queues, TimeProvider clock)
{
    /// <summary>Rows younger than this are left to the request that wrote them.</summary>
    public static readonly TimeSpan SweepAge = TimeSpan.FromSeconds(30);

    /// <summary>Sends the rows a commit just wrote (all of one request), side by side, then deletes them in one transaction.</summary>
    public async Task Dispatch(IReadOnlyList<EffectMessage> written, CancellationToken ct)
    {
        if (written.Count == 0)
        {
            return;
        }

        await Task.WhenAll(written.Select(message => queues.Effects.SendMessageAsync(JsonSerializer.Serialize(message, Json.Options), ct)));
        try
        {
            await tables.Bindings.SubmitTransactionAsync(
                written.Select(m => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(m.BindingId, m.OutboxKey), ETag.All)),
                ct);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // A sweep sent some of them already: delete the rest one by one.
            foreach (var message in written)
            {
                await Delete(message.BindingId, message.OutboxKey, ETag.All, ct);
            }
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
        await Delete(row.PartitionKey, row.RowKey, row.ETag, ct);
    }

    private async Task Delete(string bindingId, string outboxKey, ETag etag, CancellationToken ct)
    {
        try
        {
            await tables.Bindings.DeleteEntityAsync(bindingId, outboxKey, etag, ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Another dispatcher sent it too; the effect is idempotent.
        }
    }
}
