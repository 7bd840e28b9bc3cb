using Azure.Data.Tables;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Proxy;

/// <summary>What proxies did in a member's name, one partition per member, newest first; only ever inserted.</summary>
/// <remarks>Recorded before the action takes effect, so that the member never misses one: an action whose record
/// could not be written is not done (the caller gets a storage problem).</remarks>
public sealed class ProxyActions(Tables tables, TimeProvider clock)
{
    /// <summary>The e-voucher (展码) was shown for the member.</summary>
    public const string EVoucherShown = "e-voucher-shown";

    /// <summary>The member's statement was read.</summary>
    public const string StatementRead = "statement-read";

    /// <summary>A remote-treatment registration (异地就医备案) was filed for the member.</summary>
    public const string RegistrationFiled = "remote-registration-filed";

    /// <summary>One action as stored: who (the proxy's person id), what, when; <see cref="Cursor"/> pages on from it.</summary>
    public sealed record Entry(string ActorId, string Action, DateTimeOffset At, string Cursor);

    /// <summary>Records that <paramref name="actorId"/> did <paramref name="action"/> in <paramref name="memberId"/>'s name
    /// at <paramref name="at"/> (one call for every proxy service, registration filing included).</summary>
    public Task Record(string memberId, string actorId, string action, DateTimeOffset at, CancellationToken ct) =>
        tables.ProxyActions.AddEntityAsync(new TableEntity(memberId, $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{Ids.New(clock)}")
        {
            ["ActorId"] = actorId,
            ["Action"] = action,
            ["At"] = at,
        }, ct);

    /// <summary>Up to <paramref name="take"/> actions in <paramref name="memberId"/>'s name, newest first, older than
    /// the cursor <paramref name="after"/> when given.</summary>
    public async Task<IReadOnlyList<Entry>> Of(string memberId, string? after, int take, CancellationToken ct)
    {
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {memberId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {memberId} and RowKey gt {after}");
        var entries = new List<Entry>();
        await foreach (var row in tables.ProxyActions.QueryAsync<TableEntity>(filter, maxPerPage: take, cancellationToken: ct))
        {
            entries.Add(new Entry(row.GetString("ActorId")!, row.GetString("Action")!, row.GetDateTimeOffset("At") ?? default, row.RowKey));
            if (entries.Count == take)
            {
                break;
            }
        }

        return entries;
    }

    /// <summary>Whether <paramref name="cursor"/> has the shape of a cursor this store hands out.</summary>
    public static bool IsCursor(string cursor) =>
        cursor is { Length: 52 } && cursor[19] == '-' && cursor[..19].All(char.IsAsciiDigit) && cursor[20..].All(char.IsAsciiHexDigitLower);
}
