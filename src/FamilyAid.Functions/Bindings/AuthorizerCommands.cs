using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Bindings.Workflow;

namespace FamilyAid.Functions.Bindings;

/// <summary>Runs a command only a request's authorizer may give: 404 for strangers, 403 for others who know it,
/// then run it through the workflow.</summary>
public sealed class AuthorizerCommands(
    BindingStreamStore streams, BindingWorkflow workflow, AuditLog audit)
{
    /// <summary>The request, or the problem to answer with.</summary>
    public Task<(LoadedBinding? Binding, Problem? Problem)> Load(string bindingId, Caller caller, CancellationToken ct) =>
        BindingLookup.For(streams, bindingId, caller, BindingAccess.Authorizer, "Only the authorizer may do this.", ct, forCommand: true);

    /// <summary>Decides and commits <paramref name="command"/>; the state after it, or the problem.</summary>
    public async Task<(BindingState? After, Problem? Problem)> Execute(string bindingId, Caller caller, BindingCommand command, CancellationToken ct)
    {
        var (loaded, problem) = await Load(bindingId, caller, ct);
        if (problem is not null)
        {
            return (null, problem);
        }

        var (_, after, refused) = await Execute(loaded!, caller, command, ct);
        return (after, refused);
    }

    /// <summary>Decides and commits on a request loaded (and authorized) already: the state the decision was taken on
    /// (the one read again after a lost race, not <paramref name="loaded"/>), the state after it, or the problem.</summary>
    public async Task<(BindingState? Before, BindingState? After, Problem? Problem)> Execute(LoadedBinding loaded, Caller caller, BindingCommand command, CancellationToken ct)
    {
        // The entry is committed with the change (one write); a command that changed nothing is audited on its own, as before.
        var ran = await workflow.Run(
            loaded.State.Id, loaded, command, ct, beside: state => audit.EntryInStream(caller, AuditAction(command), state.Id, AuditDetail(command, state)));
        var (decision, after) = ran;
        if (decision.Refusal is { } refusal)
        {
            return (ran.Before, null, BindingProblems.For(refusal, after?.State));
        }

        if (decision.Events.Count == 0)
        {
            await audit.Record(caller, AuditAction(command), after!.State.Id, AuditDetail(command, after.State), ct);
        }

        return (ran.Before, after!.State, null);
    }

    private static string AuditAction(BindingCommand command) => command switch
    {
        RecordDocument => "document-uploaded",
        Domain.Bindings.SubmitBinding => "binding-submitted",
        Domain.Bindings.CancelBinding => "binding-cancelled",
        _ => command.GetType().Name,
    };

    private static string AuditDetail(BindingCommand command, BindingState after) => command switch
    {
        RecordDocument record => $"{DocumentTypes.ToWire(record.Type)} sha256={record.Document.Sha256} size={record.Document.Size}",
        _ => $"status={Wire.Name(after.ShownStatus())}",
    };
}
