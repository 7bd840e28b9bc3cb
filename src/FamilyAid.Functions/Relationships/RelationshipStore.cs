using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Relationships;

/// <summary>Active relationships, one row in the authorizer's partition and one in the member's.</summary>
public sealed class RelationshipStore(Tables tables)
{
    /// <summary>The relationships in which <paramref name="personId"/> takes part, as the group rules see them.</summary>
    public async Task<IReadOnlyList<ActiveRelationship>> Active(string personId, CancellationToken ct) =>
        (await Of(personId, ct)).Select(r => r.ToActive()).ToList();

    /// <summary>The relationships in which <paramref name="personId"/> takes part, oldest first.</summary>
    public async Task<IReadOnlyList<RelationshipRecord>> Of(string personId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {personId} and RowKey ge {Keys.RelationshipPrefix} and RowKey lt {Keys.PrefixEnd(Keys.RelationshipPrefix)}");
        var list = new List<RelationshipRecord>();
        await foreach (var row in tables.Relationships.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            list.Add(ToRecord(row));
        }

        return list.OrderBy(r => r.ActivatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The active relationship <paramref name="relationshipId"/> as seen from <paramref name="personId"/>'s
    /// side, or null when it is not active or not theirs.</summary>
    public async Task<RelationshipRecord?> Find(string personId, string relationshipId, CancellationToken ct)
    {
        if (!Keys.IsSafeId(personId) || !Keys.IsSafeId(relationshipId))
        {
            return null;
        }

        var found = await tables.Relationships.GetEntityIfExistsAsync<TableEntity>(personId, Keys.Relationship(relationshipId), cancellationToken: ct);
        return found.HasValue ? ToRecord(found.Value!) : null;
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

    /// <summary>Ends the relationship at once (idempotent: rows already gone are fine).</summary>
    /// <remarks>The member's row goes first: the member's payment codes and group are read from it, so family money
    /// stops being spendable the moment that delete returns (an authorizer's own code pays only their own account).
    /// The authorizer's row follows; a crash between them leaves the authorizer's row, which the authorizer's next
    /// end removes.</remarks>
    public async Task End(RelationshipRecord relationship, CancellationToken ct)
    {
        await Delete(relationship.MemberId, relationship.Id, ct);
        await Delete(relationship.AuthorizerId, relationship.Id, ct);
    }

    private async Task Delete(string personId, string relationshipId, CancellationToken ct)
    {
        try
        {
            await tables.Relationships.DeleteEntityAsync(personId, Keys.Relationship(relationshipId), ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Ended already.
        }
    }

    private static RelationshipRecord ToRecord(TableEntity row) => new(
        row.GetString("BindingId")!,
        row.GetString("AuthorizerId")!,
        row.GetString("MemberId")!,
        Enum.Parse<BindingKind>(row.GetString("Kind")!),
        Enum.Parse<Relation>(row.GetString("Relation")!),
        row.GetString("Region")!,
        row.GetDateTimeOffset("ActivatedAt") ?? DateTimeOffset.MinValue);
}
