using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Relationships;

/// <summary>The authorizer's proxy slots (亲情账户): <see cref="BindingEligibility.ProxyLimit"/> numbered rows in the
/// authorizer's partition, each naming the proxy relationship that holds it. Activating a proxy claims the lowest free
/// slot in one transaction with the authorizer's relationship row, so that requests approved at once never make more
/// proxies than the limit, whatever intake let through (two creates racing past the count).</summary>
internal sealed class ProxySlots(Tables tables)
{
    /// <summary>Claims a slot for <paramref name="approved"/> and writes <paramref name="authorizerRow"/> with it; true
    /// when it holds one (a retry finds its own), false when all are held by active relationships.</summary>
    /// <param name="relationshipsOfAuthorizer">Reads the relationships in the authorizer's partition (each try reads afresh).</param>
    public Task<bool> Claim(
        ActivateRelationship approved, TableEntity authorizerRow, Func<Task<IReadOnlyList<RelationshipRecord>>> relationshipsOfAuthorizer,
        CancellationToken ct) =>
        Optimistic.Retry<bool>($"The proxy slots of {approved.AuthorizerId}", async _ =>
        {
            var slots = await Slots(approved.AuthorizerId, ct);
            var active = (await relationshipsOfAuthorizer())
                .Where(r => r.Kind == BindingKind.Proxy && r.AuthorizerId == approved.AuthorizerId && r.Id != approved.BindingId)
                .Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            var own = slots.FirstOrDefault(s => s.Value.GetString("BindingId") == approved.BindingId);
            TableTransactionAction claim;
            if (own.Value is not null)
            {
                claim = new TableTransactionAction(TableTransactionActionType.UpdateReplace, Slot(own.Key, approved), own.Value.ETag);
            }
            else
            {
                // A proxy activated before slots were claimed holds none: it still counts.
                var held = slots.Values.Count(s => active.Contains(s.GetString("BindingId")!));
                var unslotted = active.Count(id => slots.Values.All(s => s.GetString("BindingId") != id));
                if (held + unslotted >= BindingEligibility.ProxyLimit)
                {
                    return false;
                }

                // The lowest slot that is empty or names a relationship that ended.
                var index = Enumerable.Range(0, BindingEligibility.ProxyLimit)
                    .First(i => !slots.TryGetValue(i, out var s) || !active.Contains(s.GetString("BindingId")!));
                claim = slots.TryGetValue(index, out var stale)
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, Slot(index, approved), stale.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, Slot(index, approved));
            }

            try
            {
                await tables.Relationships.SubmitTransactionAsync(
                    [claim, new TableTransactionAction(TableTransactionActionType.UpsertReplace, authorizerRow)], ct);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                return Optimistic.Lost;
            }
        }, ct);

    private static TableEntity Slot(int index, ActivateRelationship approved) =>
        new(approved.AuthorizerId, Keys.ProxySlot(index)) { ["BindingId"] = approved.BindingId, ["MemberId"] = approved.MemberId };

    private async Task<Dictionary<int, TableEntity>> Slots(string authorizerId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {authorizerId} and RowKey ge {Keys.ProxySlotPrefix} and RowKey lt {Keys.PrefixEnd(Keys.ProxySlotPrefix)}");
        var slots = new Dictionary<int, TableEntity>();
        await foreach (var row in tables.Relationships.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (int.TryParse(row.RowKey.AsSpan(Keys.ProxySlotPrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                slots[index] = row;
            }
        }

        return slots;
    }
}
