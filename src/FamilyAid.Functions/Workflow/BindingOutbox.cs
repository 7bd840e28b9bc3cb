using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Bindings;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Workflow;

/// <summary>Does the effects a commit left in its request's outbox, then deletes each row.</summary>
/// <remarks>Every effect is idempotent, so a row done twice (a crash between doing and deleting, or two
/// drains racing) does no harm; a row left by a crash is done by the next drain of its request or by the
/// sweep at start-up.</remarks>
public sealed class BindingOutbox(Tables tables, RelationshipStore relationships, PersonBindingIndex index)
{
    /// <summary>Does every pending effect of one request, oldest first.</summary>
    public async Task Drain(string bindingId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {bindingId} and RowKey ge {Keys.OutboxPrefix} and RowKey lt {Keys.PrefixEnd(Keys.OutboxPrefix)}");
        await foreach (var row in tables.Bindings.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            await Do(row, ct);
        }
    }

    /// <summary>Does every pending effect of every request: what crashed processes left behind.</summary>
    public async Task<int> Sweep(CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {Keys.OutboxPrefix} and RowKey lt {Keys.PrefixEnd(Keys.OutboxPrefix)}");
        var done = 0;
        await foreach (var row in tables.Bindings.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            await Do(row, ct);
            done++;
        }

        return done;
    }

    private async Task Do(TableEntity row, CancellationToken ct)
    {
        var effect = BindingEffectCodec.Deserialize(row.GetString("Name")!, row.GetString("Data")!);
        await (effect switch
        {
            ActivateRelationship activate => relationships.Activate(activate, ct),
            ReleaseOpenRequest release => index.Release(release, ct),
            _ => throw new InvalidOperationException($"No handler for effect {effect.Name}."),
        });
        try
        {
            await tables.Bindings.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Another drain did it too.
        }
    }
}
