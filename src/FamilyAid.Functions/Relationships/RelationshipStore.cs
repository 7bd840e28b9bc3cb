using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Relationships;

/// <summary>Active relationships, one row in the authorizer's partition and one in the member's.</summary>
public sealed class RelationshipStore(Tables tables)
{
    private readonly ProxySlots slots = new(tables);

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

    /// <summary>Claims the member's place (a sharing relationship) or one of the authorizer's proxy slots (a proxy, see
    /// <see cref="ProxySlots"/>) and activates the relationship an approved request grants; idempotent (the id is the request's).</summary>
    /// <remarks>The place is one insert-only row in the member's partition, written in one transaction with the member's
    /// relationship row: of two requests approved at once for the same member, exactly one inserts it, and the other
    /// learns that it lost. The authorizer's row follows; a crash before it is finished by the effect's retry.</remarks>
    public async Task<ActivationOutcome> Activate(ActivateRelationship approved, CancellationToken ct)
    {
        var memberRow = Row(approved.MemberId, approved);
        if (approved.Kind == BindingKind.Proxy)
        {
            // The authorizer's row is written with the slot; the member's row, which makes it usable, follows.
            if (!await slots.Claim(approved, Row(approved.AuthorizerId, approved), () => Of(approved.AuthorizerId, ct), ct))
            {
                return ActivationOutcome.ProxyLimitReached;
            }

            await tables.Relationships.UpsertEntityAsync(memberRow, TableUpdateMode.Replace, ct);
            return ActivationOutcome.Activated;
        }

        if (!await ClaimPlace(approved, memberRow, ct))
        {
            return ActivationOutcome.AlreadyInGroup;
        }

        await tables.Relationships.UpsertEntityAsync(Row(approved.AuthorizerId, approved), TableUpdateMode.Replace, ct);
        return ActivationOutcome.Activated;
    }

    // Someone claiming or freeing the place meanwhile is a lost race: look again (Optimistic).
    private Task<bool> ClaimPlace(ActivateRelationship approved, TableEntity memberRow, CancellationToken ct)
    {
        var place = new TableEntity(approved.MemberId, Keys.GroupPlace) { ["BindingId"] = approved.BindingId, ["AuthorizerId"] = approved.AuthorizerId };
        return Optimistic.Retry<bool>($"The group place of member {approved.MemberId}", async _ =>
        {
            var held = await tables.Relationships.GetEntityIfExistsAsync<TableEntity>(approved.MemberId, Keys.GroupPlace, cancellationToken: ct);
            TableTransactionAction claim;
            if (!held.HasValue)
            {
                // A membership activated before places were claimed holds no place row: it still counts.
                if ((await Of(approved.MemberId, ct)).Any(r => r.Kind == BindingKind.Sharing && r.MemberId == approved.MemberId && r.Id != approved.BindingId))
                {
                    return false;
                }

                claim = new TableTransactionAction(TableTransactionActionType.Add, place);
            }
            else if (held.Value!.GetString("BindingId") == approved.BindingId)
            {
                claim = new TableTransactionAction(TableTransactionActionType.UpdateReplace, place, held.Value.ETag);
            }
            else if (await Find(approved.MemberId, held.Value.GetString("BindingId")!, ct) is not null)
            {
                return false;
            }
            else
            {
                // A place whose relationship is gone (an end that crashed between its deletes) is free.
                claim = new TableTransactionAction(TableTransactionActionType.UpdateReplace, place, held.Value.ETag);
            }

            try
            {
                await tables.Relationships.SubmitTransactionAsync(
                    [claim, new TableTransactionAction(TableTransactionActionType.UpsertReplace, memberRow)], ct);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                return Optimistic.Lost;
            }
        }, ct);
    }

    private static TableEntity Row(string personId, ActivateRelationship approved) => new(personId, Keys.Relationship(approved.BindingId))
    {
        ["AuthorizerId"] = approved.AuthorizerId,
        ["MemberId"] = approved.MemberId,
        ["Kind"] = approved.Kind.ToString(),
        ["Relation"] = approved.Relation.ToString(),
        ["Region"] = approved.Region,
        ["BindingId"] = approved.BindingId,
        ["ActivatedAt"] = approved.At,
    };

    /// <summary>Ends the relationship at once (idempotent: rows already gone are fine).</summary>
    /// <remarks>The member's row goes first, with the member's group place in the same transaction: the member's
    /// payment codes and group are read from it, so family money stops being spendable, and the place is free for
    /// another group, the moment that delete returns (an authorizer's own code pays only their own account).
    /// The authorizer's row follows; a crash between them leaves the authorizer's row, which the authorizer's next
    /// end removes.</remarks>
    public async Task End(RelationshipRecord relationship, CancellationToken ct)
    {
        var place = await tables.Relationships.GetEntityIfExistsAsync<TableEntity>(relationship.MemberId, Keys.GroupPlace, cancellationToken: ct);
        if (place.HasValue && place.Value!.GetString("BindingId") == relationship.Id)
        {
            try
            {
                await tables.Relationships.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(relationship.MemberId, Keys.Relationship(relationship.Id)), ETag.All),
                    new TableTransactionAction(TableTransactionActionType.Delete, place.Value, place.Value.ETag),
                ], ct);
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
            {
                // Half ended by an earlier call, or the place changed hands: a place whose relationship is gone is free anyway.
                await Delete(relationship.MemberId, relationship.Id, ct);
            }
        }
        else
        {
            await Delete(relationship.MemberId, relationship.Id, ct);
        }

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
