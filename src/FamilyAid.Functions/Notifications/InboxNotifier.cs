using Azure;
using Azure.Data.Tables;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Notifications;

/// <summary>The local notification adapter: an in-app inbox per recipient, read with <c>GET /api/notifications</c>.</summary>
/// <remarks>The row key is the notification id, so a redelivered message inserts nothing new.</remarks>
public sealed class InboxNotifier(Tables tables) : INotifier
{
    /// <inheritdoc />
    public async Task Send(Notification notification, CancellationToken ct)
    {
        try
        {
            await tables.Notifications.AddEntityAsync(new TableEntity(notification.RecipientId, notification.Id)
            {
                ["BindingId"] = notification.BindingId,
                ["Template"] = notification.Template,
                ["At"] = notification.At,
            }, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Sent already.
        }
    }

    /// <summary>The recipient's notifications, newest first.</summary>
    public async Task<IReadOnlyList<Notification>> Of(string recipientId, CancellationToken ct)
    {
        var list = new List<Notification>();
        await foreach (var row in tables.Notifications.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {recipientId}"), cancellationToken: ct))
        {
            list.Add(new Notification(row.RowKey, row.PartitionKey, row.GetString("BindingId")!, row.GetString("Template")!, row.GetDateTimeOffset("At")!.Value));
        }

        return list.OrderByDescending(n => n.At).ThenByDescending(n => n.Id, StringComparer.Ordinal).ToList();
    }
}
