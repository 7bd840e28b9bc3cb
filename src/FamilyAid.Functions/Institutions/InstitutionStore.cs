using Azure.Data.Tables;
using FamilyAid.Domain.Institutions;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Institutions;

/// <summary>The registry of designated institutions (定点医药机构), one row per institution id.</summary>
public sealed class InstitutionStore(Tables tables)
{
    private const string Row = "institution";

    /// <summary>Records <paramref name="institution"/> as the registry reports it (replaces what was there).</summary>
    public Task Put(Institution institution, CancellationToken ct) =>
        tables.Institutions.UpsertEntityAsync(new TableEntity(institution.Id, Row)
        {
            ["Name"] = institution.Name,
            ["Kind"] = institution.Kind.ToString(),
            ["Region"] = institution.Region,
            ["CityCode"] = institution.CityCode,
            ["Designated"] = institution.Designated,
            ["ValidFrom"] = institution.ValidFrom.ToString("O"),
            ["ValidTo"] = institution.ValidTo?.ToString("O"),
        }, TableUpdateMode.Replace, ct);

    /// <summary>The institution with this id, or null.</summary>
    public async Task<Institution?> Get(string id, CancellationToken ct)
    {
        if (!Keys.IsSafeId(id))
        {
            return null;
        }

        var found = await tables.Institutions.GetEntityIfExistsAsync<TableEntity>(id, Row, cancellationToken: ct);
        if (!found.HasValue)
        {
            return null;
        }

        var row = found.Value!;
        return new Institution(
            id, row.GetString("Name")!, Enum.Parse<InstitutionKind>(row.GetString("Kind")!), row.GetString("Region")!, row.GetString("CityCode")!,
            row.GetBoolean("Designated") ?? false, DateOnly.Parse(row.GetString("ValidFrom")!, System.Globalization.CultureInfo.InvariantCulture),
            row.GetString("ValidTo") is { } to ? DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture) : null);
    }
}
