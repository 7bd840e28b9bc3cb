using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Insurance;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Privacy;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Insured;

/// <summary>Insured persons: rows by person id with the resident ID and the phone sealed, and a blind index to find them
/// by resident ID.</summary>
/// <remarks>Nothing in a row's clear columns may say more than the masks: no birth date (digits 7–14, which the masked
/// ID hides; beside it, it gave the whole ID back) and no phone number. The birth date is read from the sealed ID.</remarks>
public sealed class InsuredStore(Tables tables, ResidentIdProtector protector)
{
    private const string Row = "person";

    /// <summary>Creates or updates the person with this resident ID; returns their id, or null when the record changed
    /// since <paramref name="before"/> was read (or was created meanwhile, when it is null).</summary>
    /// <remarks>A crash between the index row and the person row leaves an index row that the next call with the
    /// same ID completes.</remarks>
    public async Task<string?> Upsert(
        ResidentId residentId, string name, string phone, InsuranceType type, InsuranceStatus status, string region,
        long personalAccountFen, PlatformAdjustment? adjustment, InsuredRecord? before, string newId, CancellationToken ct,
        RelationshipEndsOwed? ends = null)
    {
        var index = protector.BlindIndex(residentId);
        // The index row is written first and wins races; someone indexed under a retired key keeps their id
        // and is re-indexed under the current one. Without retired keys, a record read is one the current index
        // found (no look-up again); and none read is reserved at once (insert-if-absent: a 409 says who won).
        var retiredKeys = protector.PreviousBlindIndexes(residentId).Any();
        var id = before is not null && !retiredKeys ? before.Person.Id
            : (before is null ? null : await Lookup(index, ct))
            ?? await Reserve(index, await PreviouslyIndexedId(residentId, ct) ?? newId, ct);
        var sealedId = protector.Seal(residentId);
        var sealedPhone = protector.SealPhone(phone);
        var entity = new TableEntity(id, Row)
        {
            ["Name"] = name,
            ["PhoneKeyId"] = sealedPhone.KeyId,
            ["PhoneSealed"] = sealedPhone.Data,
            ["PhoneMasked"] = PhoneMask.Of(phone),
            ["InsuranceType"] = type.ToString(),
            ["Status"] = status.ToString(),
            ["Region"] = region,
            ["PersonalAccountFen"] = personalAccountFen,
            ["ResidentIdKeyId"] = sealedId.KeyId,
            ["ResidentIdSealed"] = sealedId.Data,
            ["ResidentIdMasked"] = residentId.Masked,
            ["ResidentIdIndex"] = index,
            ["AdjustmentKey"] = adjustment?.Key,
            ["AdjustmentFen"] = adjustment?.DeltaFen,
        };
        try
        {
            // The figure and the adjustment it owes are one write, guarded like the ledger's balance row; so are the
            // change and the relationship ends it owes (an outbox row in the person's partition).
            Task write = before is null ? tables.Insured.AddEntityAsync(entity, ct)
                : ends is null ? tables.Insured.UpdateEntityAsync(entity, new ETag(before.Version), TableUpdateMode.Replace, ct)
                : tables.Insured.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(before.Version)),
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(id, Keys.EndsOwed(ends.Key)) { ["At"] = ends.At, ["Why"] = ends.Why }),
                ], ct);
            await write;
            return id;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Relationship ends a report owes and no run has finished, marked before <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<(string PersonId, RelationshipEndsOwed Ends)>> EndsOwed(DateTimeOffset before, int take, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {Keys.EndsOwedPrefix} and RowKey lt {Keys.PrefixEnd(Keys.EndsOwedPrefix)} and At le {before}");
        var found = new List<(string, RelationshipEndsOwed)>();
        await foreach (var row in tables.Insured.QueryAsync<TableEntity>(filter, maxPerPage: take, cancellationToken: ct))
        {
            found.Add((row.PartitionKey, new RelationshipEndsOwed(row.RowKey[Keys.EndsOwedPrefix.Length..], row.GetDateTimeOffset("At")!.Value, row.GetString("Why")!)));
            if (found.Count == take)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>The ends are done: the row goes (gone already is fine).</summary>
    public async Task EndsDone(string personId, RelationshipEndsOwed ends, CancellationToken ct)
    {
        try
        {
            await tables.Insured.DeleteEntityAsync(personId, Keys.EndsOwed(ends.Key), ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Done by another run.
        }
    }

    /// <summary>The person with this id, or null.</summary>
    public async Task<InsuredRecord?> Get(string personId, CancellationToken ct)
    {
        if (!Keys.IsSafeId(personId))
        {
            return null;
        }

        var found = await tables.Insured.GetEntityIfExistsAsync<TableEntity>(personId, Row, cancellationToken: ct);
        return found.HasValue ? ToRecord(found.Value!) : null;
    }

    /// <summary>The person with this resident ID, or null.</summary>
    public async Task<InsuredRecord?> Find(ResidentId residentId, CancellationToken ct)
    {
        var personId = await IndexedId(residentId, ct);
        return personId is null ? null : await Get(personId, ct);
    }

    // The current index first, then those under retired keys (people not re-indexed since a rotation).
    private async Task<string?> IndexedId(ResidentId residentId, CancellationToken ct) =>
        await Lookup(protector.BlindIndex(residentId), ct) ?? await PreviouslyIndexedId(residentId, ct);

    private async Task<string?> PreviouslyIndexedId(ResidentId residentId, CancellationToken ct)
    {
        foreach (var index in protector.PreviousBlindIndexes(residentId))
        {
            if (await Lookup(index, ct) is { } personId)
            {
                return personId;
            }
        }

        return null;
    }

    private async Task<string?> Lookup(string index, CancellationToken ct)
    {
        var found = await tables.InsuredIndex.GetEntityIfExistsAsync<TableEntity>(index, Row, cancellationToken: ct);
        return found.HasValue ? found.Value!.GetString("PersonId") : null;
    }

    private async Task<string> Reserve(string index, string personId, CancellationToken ct)
    {
        try
        {
            await tables.InsuredIndex.AddEntityAsync(new TableEntity(index, Row) { ["PersonId"] = personId }, ct);
            return personId;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await Lookup(index, ct))!;
        }
    }

    private InsuredRecord ToRecord(TableEntity e) => new(
        new InsuredPerson(
            e.PartitionKey,
            e.GetString("Name")!,
            protector.Open(new(e.GetString("ResidentIdKeyId")!, e.GetString("ResidentIdSealed")!)).BirthDate,
            Enum.Parse<InsuranceType>(e.GetString("InsuranceType")!),
            Enum.Parse<InsuranceStatus>(e.GetString("Status")!),
            e.GetString("Region")!),
        // A row written before phones were sealed holds it in clear until its next upsert seals it.
        e.GetString("PhoneSealed") is { } sealedPhone ? protector.OpenPhone(new(e.GetString("PhoneKeyId")!, sealedPhone)) : e.GetString("Phone")!,
        e.GetInt64("PersonalAccountFen") ?? 0,
        e.GetString("ResidentIdMasked")!,
        e.ETag.ToString(),
        e.GetString("AdjustmentKey") is { } key ? new PlatformAdjustment(key, e.GetInt64("AdjustmentFen") ?? 0) : null);
}
