using FamilyAid.Domain.Bindings;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>The workflow runner: decide and commit a command on a request's stream (events and outbox rows in one
/// transaction, deciding again on a lost race), then do the effects the rows ask for, here or through the effects queue.</summary>
/// <remarks>An activation is done at once, before the answer, so that a client that reads <c>approved</c> can use
/// the relationship (the request turns approved only when it is active); so are the effects that only write this
/// app's storage (timers, review queue entries, releasing the open-request guard), which costs a third of the requests
/// a trip through the queue does (decision 38). One that fails here is sent to the queue and retried from there.</remarks>
public sealed partial class BindingWorkflow(
    BindingStreamStore streams, BindingDecider decider, BindingOutbox outbox, Lazy<BindingEffectHandler> effects, TimeProvider clock,
    ILogger<BindingWorkflow> logger)
{
    /// <summary>Runs <paramref name="command"/>; <paramref name="first"/> is the header the caller loaded to authorize, if any.</summary>
    /// <remarks>A request that does not exist (a timer or message outliving a request that never committed) decides nothing.</remarks>
    /// <param name="beside">The row to commit with the change, from the state after it (its audit entry), if any.</param>
    public async Task<Executed> Run(
        string bindingId, LoadedBinding? first, BindingCommand command, CancellationToken ct, Func<BindingState, Azure.Data.Tables.TableEntity?>? beside = null)
    {
        var now = clock.GetUtcNow();
        var result = await streams.Execute(
            bindingId, first, state => state is null ? BindingDecision.Accept() : decider.Decide(state, command, now), ct, beside: beside);
        return result with { After = await Dispatch(result, ct) };
    }

    /// <summary>Commits a decision taken already (a create, decided on facts the edge loaded), then dispatches.</summary>
    /// <remarks>The caller has just seen that the request does not exist, so the first attempt reads nothing.</remarks>
    public async Task<LoadedBinding> Create(
        string bindingId, BindingDecision decision, CancellationToken ct, Func<BindingState, Azure.Data.Tables.TableEntity?>? beside = null)
    {
        var result = await streams.Execute(bindingId, null, state => state is null ? decision : BindingDecision.Accept(), ct, knownAbsent: true, beside: beside);
        return (await Dispatch(result, ct))!;
    }

    // Activations and storage-only effects run here and now, from the state just committed; a notification (and an
    // effect that failed here) goes to the queue. The outbox row of each stays the crash path: a process that dies
    // before its effects are done leaves rows the sweep sends to the queue.
    private async Task<LoadedBinding?> Dispatch(Executed result, CancellationToken ct)
    {
        Telemetry.BusinessMetrics.Committed(result.Decision.Events);
        var queued = new List<EffectMessage>();
        var now = new List<PendingEffect>();
        PendingEffect? activation = null;
        foreach (var pending in result.Outbox)
        {
            if (pending.Effect is ActivateRelationship && activation is null)
            {
                activation = pending;
            }
            else if (result.After is { } committed && BindingEffectHandler.IsStorageOnly(pending.Effect)
                && BindingReactions.AgreesWith(pending.Effect, committed.State))
            {
                now.Add(pending);
            }
            else
            {
                queued.Add(pending.Message);
            }
        }

        var activated = activation is { Effect: ActivateRelationship approved } ? TryNow(activation, approved, ct) : Task.FromResult<LoadedBinding?>(null);
        var failed = now.Count > 0 ? effects.Value.DoCommitted(now, result.After!.State, ct) : Task.FromResult<IReadOnlyList<PendingEffect>>([]);
        await Task.WhenAll(activated, failed);
        if (activation is not null && await activated is null)
        {
            queued.Add(activation.Message);
        }

        queued.AddRange((await failed).Select(pending => pending.Message));
        await outbox.Dispatch(queued, ct);
        return await activated ?? result.After;
    }

    // The row and the state are the ones this commit wrote, so nothing is read back: the activation is done from them.
    private async Task<LoadedBinding?> TryNow(PendingEffect pending, ActivateRelationship approved, CancellationToken ct)
    {
        // The command has committed: whatever stops the activation here, the queue retries it (and poisons it in the end).
        try
        {
            return await effects.Value.ActivateCommitted(pending, approved, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogActivationQueued(logger, pending.Message.BindingId, e.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Activating request {BindingId} failed here ({Error}); it is retried from the effects queue.")]
    private static partial void LogActivationQueued(ILogger logger, string bindingId, string error);
}
