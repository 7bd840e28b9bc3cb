using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.RemoteTreatment;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary>Remote-treatment registrations, in the person's partition: one row per registration and a guard row that
/// every filing rewrites under its ETag, in one transaction with the new row, so that of two concurrent filings of one
/// person only one decides on what it read (the overlap rule is race-safe). A registration's id starts with its
/// person's id (<see cref="NewId"/>), so no pointer row is needed to find it, and a refused filing writes nothing.</summary>
public sealed class RemoteRegistrationStore(Tables tables)
{
    private const string Guard = "registrations-guard";
    private const string Prefix = "reg-";

    /// <summary>A new registration id for <paramref name="personId"/>: the person's id, '-', and 24 hex characters of a
    /// time-ordered id (the person's registrations sort by filing).</summary>
    public static string NewId(string personId, TimeProvider clock) => $"{personId}-{Ids.New(clock)[..24]}";

    /// <summary>A registration as read, with the ETag to change it under.</summary>
    public sealed record Stored(RemoteRegistration Registration, ETag ETag);

    /// <summary>A person's registrations, and the guard's ETag (null: none filed yet).</summary>
    public sealed record PersonRegistrations(IReadOnlyList<RemoteRegistration> All, ETag? Guard);

    /// <summary>Every registration of <paramref name="personId"/>, oldest first, with the guard's ETag.</summary>
    public async Task<PersonRegistrations> Of(string personId, CancellationToken ct)
    {
        var list = new List<RemoteRegistration>();
        ETag? guard = null;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {personId}");
        await foreach (var row in tables.RemoteRegistrations.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (row.RowKey == Guard)
            {
                guard = row.ETag;
            }
            else if (row.RowKey.StartsWith(Prefix, StringComparison.Ordinal))
            {
                list.Add(Read(row));
            }
        }

        return new PersonRegistrations(list.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(), guard);
    }

    /// <summary>Records a new registration if the person's guard is still <paramref name="guard"/>;
    /// false when another filing of the person came first (decide again).</summary>
    public async Task<bool> Add(RemoteRegistration registration, ETag? guard, CancellationToken ct)
    {
        var guardRow = new TableEntity(registration.PersonId, Guard) { ["LastId"] = registration.Id };
        TableTransactionAction[] actions =
        [
            guard is { } etag
                ? new(TableTransactionActionType.UpdateReplace, guardRow, etag)
                : new(TableTransactionActionType.Add, guardRow),
            new(TableTransactionActionType.Add, Row(registration)),
        ];
        try
        {
            await tables.RemoteRegistrations.SubmitTransactionAsync(actions, ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The registration with this id, or null.</summary>
    public async Task<Stored?> Get(string id, CancellationToken ct)
    {
        if (!Keys.IsSafeId(id))
        {
            return null;
        }

        var dash = id.LastIndexOf('-');
        if (dash <= 0)
        {
            return null;
        }

        var found = await tables.RemoteRegistrations.GetEntityIfExistsAsync<TableEntity>(id[..dash], Prefix + id, cancellationToken: ct);
        return found.HasValue ? new Stored(Read(found.Value!), found.Value!.ETag) : null;
    }

    /// <summary>Saves a changed registration under the ETag it was read with; false when it changed meanwhile.</summary>
    public async Task<bool> Save(RemoteRegistration registration, ETag etag, CancellationToken ct)
    {
        try
        {
            await tables.RemoteRegistrations.UpdateEntityAsync(Row(registration), etag, TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }

        return true;
    }

    /// <summary>The <paramref name="take"/> registrations that have waited longest for a reviewer of
    /// <paramref name="region"/> (a query across people: a registration's status and region are columns of its row).</summary>
    /// <remarks>The query answers in the order of people, not of time, so every match is read before the oldest are
    /// taken: taking first would show the registrations of the lowest person ids and leave older ones unseen.</remarks>
    public async Task<IReadOnlyList<Stored>> InReview(string region, int take, CancellationToken ct) =>
        (await Query(TableClient.CreateQueryFilter(
            $"RowKey ge {Prefix} and RowKey lt {Keys.PrefixEnd(Prefix)} and Status eq {nameof(RegistrationStatus.InReview)} and Region eq {region}"), null, ct))
        .OrderBy(s => s.Registration.Timeline[0].At).Take(take).ToList();

    /// <summary>Up to <paramref name="take"/> active registrations whose last day was before <paramref name="today"/>.</summary>
    public Task<IReadOnlyList<Stored>> DueForExpiry(DateOnly today, int take, CancellationToken ct) =>
        Query(TableClient.CreateQueryFilter(
            $"RowKey ge {Prefix} and RowKey lt {Keys.PrefixEnd(Prefix)} and Status eq {nameof(RegistrationStatus.Active)} and ValidUntil lt {today.ToString("O")}"), take, ct);

    // Up to take matches (all of them when take is null), in the table's order.
    private async Task<IReadOnlyList<Stored>> Query(string filter, int? take, CancellationToken ct)
    {
        var list = new List<Stored>();
        await foreach (var row in tables.RemoteRegistrations.QueryAsync<TableEntity>(filter, maxPerPage: take is { } most ? Math.Min(most, 1000) : null, cancellationToken: ct))
        {
            list.Add(new Stored(Read(row), row.ETag));
            if (list.Count == take)
            {
                break;
            }
        }

        return list;
    }

    // Status, Region and ValidUntil are columns of their own for the review and expiry queries; the state is the registration as JSON.
    private static TableEntity Row(RemoteRegistration registration) => new(registration.PersonId, Prefix + registration.Id)
    {
        ["Status"] = registration.Status.ToString(),
        ["Region"] = registration.Region,
        ["ValidUntil"] = registration.ValidUntil?.ToString("O"),
        ["State"] = JsonSerializer.Serialize(registration, Json.Options),
    };

    private static RemoteRegistration Read(TableEntity row) => JsonSerializer.Deserialize<RemoteRegistration>(row.GetString("State")!, Json.Options)!;
}
