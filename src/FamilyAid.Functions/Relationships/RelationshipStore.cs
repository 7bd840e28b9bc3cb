using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Relationships;

/// <summary>Active relationships, one row in the authorizer's partition and one in the member's.</summary>
public sealed class RelationshipStore(Tables tables)
{
    /// <summary>The relationships in which <paramref name="personId"/> takes part.</summary>
    public async Task<IReadOnlyList<ActiveRelationship>> Active(string personId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {personId} and RowKey ge {Keys.RelationshipPrefix} and RowKey lt {Keys.PrefixEnd(Keys.RelationshipPrefix)}");
        var list = new List<ActiveRelationship>();
        await foreach (var row in tables.Relationships.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            list.Add(new ActiveRelationship(row.GetString("AuthorizerId")!, row.GetString("MemberId")!, Enum.Parse<BindingKind>(row.GetString("Kind")!)));
        }

        return list;
    }

    /// <summary>Activates the relationship an approved request grants; idempotent (the id is the request's).</summary>
    public async Task Activate(ActivateRelationship approved, CancellationToken ct)
    {
        foreach (var personId in new[] { approved.AuthorizerId, approved.MemberId })
        {
            await tables.Relationships.UpsertEntityAsync(new TableEntity(personId, Keys.Relationship(approved.BindingId))
            {
                ["AuthorizerId"] = approved.AuthorizerId,
                ["MemberId"] = approved.MemberId,
                ["Kind"] = approved.Kind.ToString(),
                ["Relation"] = approved.Relation.ToString(),
                ["Region"] = approved.Region,
                ["BindingId"] = approved.BindingId,
                ["ActivatedAt"] = approved.At,
            }, TableUpdateMode.Replace, ct);
        }
    }
}
