using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Notifications;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Bindings.Review;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>The activities: does the effect a message points to, idempotently (each may be delivered more than once),
/// and only when the stored outbox row and the request's state agree.</summary>
public sealed partial class BindingEffectHandler(
    BindingOutbox outbox, BindingStreamStore streams, RelationshipStore relationships, PersonBindingIndex index,
    TimerStore timers, ReviewQueueStore reviewQueue, INotifier notifier, Lazy<BindingWorkflow> workflow, TimeProvider clock,
    ILogger<BindingEffectHandler> logger)
{
    /// <summary>Does the effect <paramref name="message"/> names, if it is still pending and still agrees with its request.</summary>
    public async Task Handle(EffectMessage message, CancellationToken ct)
    {
        // The row and the header side by side: two point reads (on Azurite one query for both would scan the table).
        var row = outbox.Find(message, ct);
        var header = streams.Load(message.BindingId, ct);
        await Task.WhenAll(row, header);
        if (await row is not { } pending)
        {
            // Done already by another delivery, failed for good, or never written: a forged or replayed message.
            LogNoSuchEffect(logger, Keys.IsSafeId(message.BindingId) ? message.BindingId : "(not an id)");
            return;
        }

        var loaded = await header;
        if (loaded is null || !BindingReactions.AgreesWith(pending.Effect, loaded.State))
        {
            // The request moved on (a queue entry for a request that already left review, say): nothing to do.
            LogStale(logger, pending.Effect.Name, message.BindingId, message.OutboxKey);
        }
        else
        {
            await Do(pending, loaded.State, ct);
        }

        await outbox.Complete(message, ct);
    }

    /// <summary>Does an activation this process has just committed, with nothing to read back (the row and the state
    /// are the ones it wrote); returns the request after the activation's outcome.</summary>
    public async Task<LoadedBinding?> ActivateCommitted(PendingEffect pending, ActivateRelationship approved, CancellationToken ct)
    {
        var after = await Activate(approved, ct);
        await outbox.Complete(pending.Message, ct);
        return after;
    }

    /// <summary>Does the storage-only effects a commit of this process has just written, from the state it committed
    /// (nothing is read back), and deletes their rows together; returns those that failed here, for the queue.</summary>
    /// <remarks>Each effect is idempotent by its row, so one done here and again from the queue (a crash before the
    /// rows went) is done once.</remarks>
    public async Task<IReadOnlyList<PendingEffect>> DoCommitted(IReadOnlyList<PendingEffect> committed, BindingState state, CancellationToken ct)
    {
        var outcomes = await Task.WhenAll(committed.Select(async pending =>
        {
            try
            {
                await Do(pending, state, ct);
                return (pending, Done: true);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogEffectQueued(logger, pending.Effect.Name, pending.Message.BindingId, e.GetType().Name);
                return (pending, Done: false);
            }
        }));

        var done = outcomes.Where(o => o.Done).Select(o => o.pending.Message).ToList();
        try
        {
            await outbox.Complete(done, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Done but still pending: the queue finds each done and deletes its row (doing it again changes nothing).
            LogEffectQueued(logger, "completion", state.Id, e.GetType().Name);
            return committed;
        }

        return outcomes.Where(o => !o.Done).Select(o => o.pending).ToList();
    }

    /// <summary>Whether an effect touches only this app's storage, so the process that committed it can do it before
    /// answering (a notification goes to a provider outside, and waits on the queue).</summary>
    public static bool IsStorageOnly(BindingEffect effect) =>
        effect is ScheduleTimer or AddToReviewQueue or RemoveFromReviewQueue or MarkEscalatedInReviewQueue or ReleaseOpenRequest;

    private Task Do(PendingEffect pending, BindingState state, CancellationToken ct) => pending.Effect switch
    {
        ActivateRelationship e => Activate(e, ct),
        ReleaseOpenRequest e => index.Release(e, ct),
        ScheduleTimer e => timers.Set(e.BindingId, e.DueAt, ct),
        AddToReviewQueue e => Enqueue(reviewQueue.Add(e, ct), new RemoveFromReviewQueue(e.BindingId, e.Region, e.SubmittedAt), ct),
        RemoveFromReviewQueue e => reviewQueue.Remove(e, ct),
        MarkEscalatedInReviewQueue e => Enqueue(
            reviewQueue.MarkEscalated(e, state.Kind, state.Relation, ct), new RemoveFromReviewQueue(e.BindingId, e.Region, e.SubmittedAt), ct),
        // The outbox row's key is unique per effect: it is the notification's idempotency key.
        Notify e => notifier.Send(
            new Notification(Keys.Hash($"{pending.Message.BindingId}/{pending.Message.OutboxKey}"), e.RecipientId, e.BindingId, e.Template, clock.GetUtcNow()), ct),
        var other => throw new InvalidOperationException($"No activity for effect {other.Name}."),
    };

    // A queue row is written after the request was read in review; if a reviewer decided it in between and its removal
    // ran before this write, the row would stay for good. So the request is read again after the write: once it has left
    // review, the row goes (the removal that ran first cannot have seen it).
    private async Task Enqueue(Task write, RemoveFromReviewQueue removal, CancellationToken ct)
    {
        await write;
        if (await streams.Load(removal.BindingId, ct) is not { State.Status: BindingStatus.InReview })
        {
            await reviewQueue.Remove(removal, ct);
        }
    }

    // Claims the member's place and activates the relationship, then tells the request how that went.
    private async Task<LoadedBinding?> Activate(ActivateRelationship approved, CancellationToken ct)
    {
        var outcome = await relationships.Activate(approved, ct);
        return (await workflow.Value.Run(approved.BindingId, null, new RecordActivation(outcome), ct)).After;
    }

    [LoggerMessage(LogLevel.Warning, "An effect message for request {BindingId} points to no pending effect (done already, or forged or replayed); nothing was done.")]
    private static partial void LogNoSuchEffect(ILogger logger, string bindingId);

    [LoggerMessage(LogLevel.Warning, "Effect {Effect} of request {BindingId} failed here ({Error}); it is retried from the effects queue.")]
    private static partial void LogEffectQueued(ILogger logger, string effect, string bindingId, string error);

    [LoggerMessage(LogLevel.Information, "Effect {Effect} of request {BindingId} ({OutboxKey}) no longer agrees with the request; skipped.")]
    private static partial void LogStale(ILogger logger, string effect, string bindingId, string outboxKey);
}
