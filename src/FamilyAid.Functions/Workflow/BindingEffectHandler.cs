using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Bindings;
using FamilyAid.Functions.Notifications;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Review;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Workflow;

/// <summary>The activities: does one effect, idempotently (each may be delivered more than once).</summary>
public sealed class BindingEffectHandler(
    RelationshipStore relationships, PersonBindingIndex index, TimerStore timers, ReviewQueueStore reviewQueue,
    INotifier notifier, TimeProvider clock)
{
    /// <summary>Does the effect in <paramref name="message"/>.</summary>
    public Task Handle(EffectMessage message, CancellationToken ct) =>
        BindingEffectCodec.Deserialize(message.Name, message.Data) switch
        {
            ActivateRelationship e => relationships.Activate(e, ct),
            ReleaseOpenRequest e => index.Release(e, ct),
            ScheduleTimer e => timers.Set(e.BindingId, e.DueAt, ct),
            AddToReviewQueue e => reviewQueue.Add(e, ct),
            RemoveFromReviewQueue e => reviewQueue.Remove(e, ct),
            // The outbox row's key is unique per effect: it is the notification's idempotency key.
            Notify e => notifier.Send(
                new Notification(Keys.Hash($"{message.BindingId}/{message.OutboxKey}"), e.RecipientId, e.BindingId, e.Template, clock.GetUtcNow()), ct),
            var other => throw new InvalidOperationException($"No activity for effect {other.Name}."),
        };
}
