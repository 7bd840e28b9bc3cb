using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>The outbox: rows written with the events that ask for them, sent to the effects queue as pointers, and
/// deleted only once their effect is done (or marked when it failed for good).</summary>
/// <remarks>A row outlives its message: a crash before the send, a lost message or a failing effect leaves the row,
/// and the sweep sends a message to it again. Effects are idempotent by their outbox key, so a second message to a
/// row still pending does nothing twice, and one to a row already done finds nothing.</remarks>
public sealed class BindingOutbox(Tables tables, Queues queues, TimeProvider clock)
{
    /// <summary>Rows younger than this are left to the request that wrote them.</summary>
    public static readonly TimeSpan SweepAge = TimeSpan.FromSeconds(30);

    /// <summary>A row the sweep sent is sent again only after this long (its effect may be waiting for a retry).</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(5);

    /// <summary>Sends a message to each row a commit just wrote, side by side.</summary>
    public Task Dispatch(IEnumerable<EffectMessage> written, CancellationToken ct) =>
        Task.WhenAll(written.Select(message => queues.Effects.SendMessageAsync(JsonSerializer.Serialize(message, Json.Options), ct)));

    /// <summary>The row a message points to, or null when there is none pending (done already, failed for good, or
    /// never written: a forged or replayed message).</summary>
    public async Task<PendingEffect?> Find(EffectMessage message, CancellationToken ct)
    {
        if (!Keys.IsSafeId(message.BindingId) || !Keys.IsOutboxKey(message.OutboxKey))
        {
            return null;
        }

        var found = await tables.Bindings.GetEntityIfExistsAsync<TableEntity>(message.BindingId, message.OutboxKey, cancellationToken: ct);
        return found.HasValue && found.Value!.GetDateTimeOffset("FailedAt") is null ? ToPending(found.Value) : null;
    }

    /// <summary>The effect is done: its row goes (a row gone already was done by another delivery).</summary>
    public async Task Complete(EffectMessage message, CancellationToken ct)
    {
        try
        {
            await tables.Bindings.DeleteEntityAsync(message.BindingId, message.OutboxKey, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Done by another delivery.
        }
    }

    /// <summary>Effects of one commit done together: their rows, all in the request's partition, go in one transaction
    /// (one row alone, as above).</summary>
    /// <remarks>The rows were written by this process's commit less than <see cref="SweepAge"/> ago, so no other
    /// delivery has them; should one have gone, the transaction fails and each row goes alone.</remarks>
    public async Task Complete(IReadOnlyList<EffectMessage> done, CancellationToken ct)
    {
        if (done.Count <= 1)
        {
            await Task.WhenAll(done.Select(message => Complete(message, ct)));
            return;
        }

        try
        {
            await tables.Bindings.SubmitTransactionAsync(
                done.Select(m => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(m.BindingId, m.OutboxKey), ETag.All)), ct);
        }
        catch (TableTransactionFailedException)
        {
            await Task.WhenAll(done.Select(message => Complete(message, ct)));
        }
    }

    /// <summary>The effect failed every try: its row stays, for operators, but is no longer sent.</summary>
    public async Task MarkFailed(PendingEffect pending, CancellationToken ct)
    {
        try
        {
            await tables.Bindings.UpdateEntityAsync(
                new TableEntity(pending.Message.BindingId, pending.Message.OutboxKey) { ["FailedAt"] = clock.GetUtcNow() }, ETag.All, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Done meanwhile by a later delivery.
        }
    }

    /// <summary>Sends a message again to every row still pending past <see cref="SweepAge"/> (and not sent in the last
    /// <see cref="ResendAfter"/>); returns how many.</summary>
    public async Task<int> Sweep(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var before = now - SweepAge;
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {Keys.OutboxPrefix} and RowKey lt {Keys.PrefixEnd(Keys.OutboxPrefix)} and CreatedAt le {before}");
        var sent = 0;
        await foreach (var row in tables.Bindings.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (row.GetDateTimeOffset("FailedAt") is not null || row.GetDateTimeOffset("SentAt") > now - ResendAfter)
            {
                continue;
            }

            try
            {
                // Marked first, under its ETag: two sweeps at once send it once.
                await tables.Bindings.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["SentAt"] = now }, row.ETag, TableUpdateMode.Merge, ct);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                continue;
            }

            await Dispatch([new EffectMessage(row.PartitionKey, row.RowKey)], ct);
            sent++;
        }

        return sent;
    }

    /// <summary>The row for an effect, as the commit that asks for it writes it.</summary>
    public static TableEntity Row(PendingEffect pending, DateTimeOffset at) => new(pending.Message.BindingId, pending.Message.OutboxKey)
    {
        ["Name"] = pending.Effect.Name,
        ["Data"] = BindingEffectCodec.Serialize(pending.Effect),
        ["CreatedAt"] = at,
    };

    private static PendingEffect ToPending(TableEntity row) => new(
        new EffectMessage(row.PartitionKey, row.RowKey),
        BindingEffectCodec.Deserialize(row.GetString("Name")!, row.GetString("Data")!));
}
