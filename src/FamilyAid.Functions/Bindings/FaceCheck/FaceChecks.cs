using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Bindings.Workflow;

namespace FamilyAid.Functions.Bindings.FaceCheck;

/// <summary>The face check of a binding request: opens a provider session the rules allow, and records the provider's verdict.</summary>
public sealed class FaceChecks(
    BindingDecider decider, BindingWorkflow workflow, IFaceCheckProvider provider, FaceCheckSessions sessions, AuditLog audit,
    TimeProvider clock)
{
    // No session, or one whose request is gone: the provider's id names nothing here.
    private static readonly Problem UnknownSession = new(404, "unknown-session", "No face-check session has that id.");

    /// <summary>Opens a session for the member (<paramref name="caller"/>, who consented) of request <paramref name="id"/>, or says why not.</summary>
    public async Task<(string? SessionId, Problem? Problem)> Begin(string id, LoadedBinding loaded, Caller caller, CancellationToken ct)
    {
        // Ask the rules before opening a session with the provider.
        var now = clock.GetUtcNow();
        if (decider.Decide(loaded.State, new StartFaceCheck("probe", now), now).Refusal is { } early)
        {
            return (null, BindingProblems.For(early, loaded.State));
        }

        var sessionId = await provider.StartSession(id, caller.Id, ct);
        await sessions.Remember(sessionId, id, ct);
        var (decision, after) = await workflow.Run(id, loaded, new StartFaceCheck(sessionId, now), ct);
        if (decision.Refusal is { } refusal)
        {
            return (null, BindingProblems.For(refusal, after?.State));
        }

        await audit.Record(caller, "face-check-started", id, "consent given", ct);
        return (sessionId, null);
    }

    /// <summary>Records the provider's verdict on a session: the request as it stands after, or why not.</summary>
    public async Task<(BindingState? After, Problem? Problem)> Record(string sessionId, bool passed, double score, CancellationToken ct)
    {
        var bindingId = sessionId is { Length: > 0 and <= 128 } ? await sessions.BindingOf(sessionId, ct) : null;
        if (bindingId is null)
        {
            return (null, UnknownSession);
        }

        var (decision, after) = await workflow.Run(bindingId, null, new RecordFaceCheckResult(sessionId, passed, score), ct);
        if (after is null)
        {
            return (null, UnknownSession);
        }

        // A repeat (or a late result for a session decided already) is refused by the rules, changes nothing,
        // and is answered like the first.
        return decision.Refusal is null or BindingRefusal.UnknownFaceCheckSession
            ? (after.State, null)
            : (null, BindingProblems.For(decision.Refusal.Value, after.State));
    }
}
