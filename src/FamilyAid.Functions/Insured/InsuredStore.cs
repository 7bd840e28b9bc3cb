using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Insurance;
using FamilyAid.Functions.Privacy;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Insured;

/// <summary>Insured persons: rows by person id with the resident ID sealed, and a blind index to find them by it.</summary>
public sealed class InsuredStore(Tables tables, ResidentIdProtector protector)
{
    private const string Row = "person";

    /// <summary>Creates or updates the person with this resident ID; returns their id and whether they are new.</summary>
    /// <remarks>The index row is written first and wins races (insert fails on a duplicate); a crash before the
    /// person row leaves an index row that the next call with the same ID completes.</remarks>
    public async Task<(string Id, bool Created)> Upsert(
        ResidentId residentId, string name, string phone, InsuranceType type, InsuranceStatus status, string region,
        long personalAccountFen, string newId, CancellationToken ct)
    {
        var index = protector.BlindIndex(residentId);
        var (id, created) = await FindOrReserveId(index, newId, ct);
        var sealedId = protector.Seal(residentId);
        var entity = new TableEntity(id, Row)
        {
            ["Name"] = name,
            ["Phone"] = phone,
            ["InsuranceType"] = type.ToString(),
            ["Status"] = status.ToString(),
            ["Region"] = region,
            ["PersonalAccountFen"] = personalAccountFen,
            ["BirthDate"] = residentId.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["ResidentIdKeyId"] = sealedId.KeyId,
            ["ResidentIdSealed"] = sealedId.Data,
            ["ResidentIdMasked"] = residentId.Masked,
            ["ResidentIdIndex"] = index,
        };
        await tables.Insured.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
        return (id, created);
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
        var index = await tables.InsuredIndex.GetEntityIfExistsAsync<TableEntity>(protector.BlindIndex(residentId), Row, cancellationToken: ct);
        return index.HasValue ? await Get(index.Value!.GetString("PersonId")!, ct) : null;
    }

    /// <summary>The person's resident ID, opened from its sealed form.</summary>
    public async Task<ResidentId?> ResidentIdOf(string personId, CancellationToken ct)
    {
        var found = await tables.Insured.GetEntityIfExistsAsync<TableEntity>(personId, Row, cancellationToken: ct);
        return found.HasValue
            ? protector.Open(new ResidentIdProtector.Sealed(found.Value!.GetString("ResidentIdKeyId")!, found.Value.GetString("ResidentIdSealed")!))
            : null;
    }

    private async Task<(string Id, bool Created)> FindOrReserveId(string index, string newId, CancellationToken ct)
    {
        var existing = await tables.InsuredIndex.GetEntityIfExistsAsync<TableEntity>(index, Row, cancellationToken: ct);
        if (existing.HasValue)
        {
            return (existing.Value!.GetString("PersonId")!, false);
        }

        try
        {
            await tables.InsuredIndex.AddEntityAsync(new TableEntity(index, Row) { ["PersonId"] = newId }, ct);
            return (newId, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var winner = await tables.InsuredIndex.GetEntityAsync<TableEntity>(index, Row, cancellationToken: ct);
            return (winner.Value.GetString("PersonId")!, false);
        }
    }

    private static InsuredRecord ToRecord(TableEntity e) => new(
        new InsuredPerson(
            e.PartitionKey,
            e.GetString("Name")!,
            DateOnly.ParseExact(e.GetString("BirthDate")!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Enum.Parse<InsuranceType>(e.GetString("InsuranceType")!),
            Enum.Parse<InsuranceStatus>(e.GetString("Status")!),
            e.GetString("Region")!),
        e.GetString("Phone")!,
        e.GetInt64("PersonalAccountFen") ?? 0,
        e.GetString("ResidentIdMasked")!);
}
