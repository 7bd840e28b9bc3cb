namespace FamilyAid.Functions.Notifications;

/// <summary>The port to SMS / in-app messaging. Implementations must send each <see cref="Notification.Id"/> at most once.</summary>
public interface INotifier
{
    /// <summary>Sends, or does nothing when this id was sent before.</summary>
    Task Send(Notification notification, CancellationToken ct);
}
