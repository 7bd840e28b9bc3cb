using FamilyAid.Domain.Bindings;

namespace FamilyAid.Functions.Workflow;

/// <summary>The workflow runner: decide and commit a command on a request's stream (events and outbox rows in one
/// transaction, deciding again on a lost race), then send the outbox rows to the effects queue.</summary>
public sealed class BindingWorkflow(BindingStreamStore streams, BindingDecider decider, BindingOutbox outbox, TimeProvider clock)
{
    /// <summary>Runs <paramref name="command"/>; <paramref name="first"/> is the header the caller loaded to authorize, if any.</summary>
    /// <remarks>A request that does not exist (a timer or message outliving a request that never committed) decides nothing.</remarks>
    public async Task<(BindingDecision Decision, LoadedBinding? After)> Run(
        string bindingId, LoadedBinding? first, BindingCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var result = await streams.Execute(
            bindingId, first, state => state is null ? BindingDecision.Accept() : decider.Decide(state, command, now), ct);
        await outbox.Dispatch(result.Outbox, ct);
        return (result.Decision, result.After);
    }

    /// <summary>Commits a decision taken already (a create, decided on facts the edge loaded), then dispatches.</summary>
    /// <remarks>The caller has just seen that the request does not exist, so the first attempt reads nothing.</remarks>
    public async Task<LoadedBinding> Create(string bindingId, BindingDecision decision, CancellationToken ct)
    {
        var result = await streams.Execute(bindingId, null, state => state is null ? decision : BindingDecision.Accept(), ct, knownAbsent: true);
        await outbox.Dispatch(result.Outbox, ct);
        return result.After!;
    }
}
