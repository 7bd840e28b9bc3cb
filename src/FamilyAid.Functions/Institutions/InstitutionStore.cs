using System.Collections.Concurrent;
using Azure.Data.Tables;
using FamilyAid.Domain.Institutions;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Institutions;

/// <summary>The registry of designated institutions (定点医药机构), one row per institution id; rows read recently are
/// answered from memory for <see cref="InstitutionSettings.RegistryCacheTime"/> (DECISIONS 32).</summary>
public sealed class InstitutionStore(Tables tables, InstitutionSettings settings, TimeProvider clock)
{
    private const string Row = "institution";

    // Past this many remembered institutions the memory starts over: far more than one instance serves in a cache period.
    private const int MostRemembered = 50_000;

    private readonly ConcurrentDictionary<string, Remembered> recent = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="institution"/> as the registry reports it (replaces what was there).</summary>
    public async Task Put(Institution institution, CancellationToken ct)
    {
        await tables.Institutions.UpsertEntityAsync(new TableEntity(institution.Id, Row)
        {
            ["Name"] = institution.Name,
            ["Kind"] = institution.Kind.ToString(),
            ["Region"] = institution.Region,
            ["CityCode"] = institution.CityCode,
            ["Designated"] = institution.Designated,
            ["ValidFrom"] = institution.ValidFrom.ToString("O"),
            ["ValidTo"] = institution.ValidTo?.ToString("O"),
        }, TableUpdateMode.Replace, ct);
        // Stamped after the write: a read that began before it cannot put the old row back (Remember).
        Remember(institution, clock.GetUtcNow());
    }

    /// <summary>The institution with this id, or null.</summary>
    public async Task<Institution?> Get(string id, CancellationToken ct)
    {
        if (!Keys.IsSafeId(id))
        {
            return null;
        }

        var asked = clock.GetUtcNow();
        if (recent.TryGetValue(id, out var known) && asked - known.ReadAt < settings.RegistryCacheTime)
        {
            return known.Institution;
        }

        var found = await tables.Institutions.GetEntityIfExistsAsync<TableEntity>(id, Row, cancellationToken: ct);
        if (!found.HasValue)
        {
            return null;
        }

        var row = found.Value!;
        var institution = new Institution(
            id, row.GetString("Name")!, Enum.Parse<InstitutionKind>(row.GetString("Kind")!), row.GetString("Region")!, row.GetString("CityCode")!,
            row.GetBoolean("Designated") ?? false, DateOnly.Parse(row.GetString("ValidFrom")!, System.Globalization.CultureInfo.InvariantCulture),
            row.GetString("ValidTo") is { } to ? DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture) : null);
        Remember(institution, asked);
        return institution;
    }

    // Keeps the newest of what was read or written; an unknown id is never remembered (a registration is seen at once).
    private void Remember(Institution institution, DateTimeOffset readAt)
    {
        if (recent.Count >= MostRemembered)
        {
            recent.Clear();
        }

        var fresh = new Remembered(institution, readAt);
        recent.AddOrUpdate(institution.Id, fresh, (_, old) => old.ReadAt > readAt ? old : fresh);
    }

    private sealed record Remembered(Institution Institution, DateTimeOffset ReadAt);
}
