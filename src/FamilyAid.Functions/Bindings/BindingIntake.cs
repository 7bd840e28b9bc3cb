using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.Privacy;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Bindings.Workflow;

namespace FamilyAid.Functions.Bindings;

/// <summary>A new binding request as the edge parsed it: its id (reserved by the idempotency key), the caller, the
/// body, and the values parsed from it.</summary>
public sealed record BindingApplication(
    string BindingId, Caller Caller, CreateBinding.Request Request, ResidentId MemberResidentId,
    BirthCertificateNumber? BirthCertificate);

/// <summary>What a create came to: the request (new, or found by a retry), or why it was refused.</summary>
public sealed record BindingIntakeResult(BindingState? Request, BindingRefusal? Refusal);

/// <summary>The create path of a binding request: loads the intake facts, decides (<see cref="BindingDecider"/>), takes
/// the open-request guard (its insert is what makes a racing duplicate lose), then commits the stream.</summary>
public sealed class BindingIntake(
    InsuredStore insured, RelationshipStore relationships, PersonBindingIndex index, BindingStreamStore streams, BindingDecider decider,
    BindingWorkflow workflow, AuditLog audit, TimeProvider clock, ResidentIdProtector protector, PolicyBook policies)
{
    /// <summary>Opens the request <paramref name="application"/> asks for, or says why not; <paramref name="fresh"/> says
    /// that its id was made for this call, so that no request can have it yet.</summary>
    public async Task<BindingIntakeResult> Open(BindingApplication application, bool fresh, CancellationToken ct)
    {
        var (bindingId, caller, request, _, birthCertificate) = application;
        // A retry after a crash finds the request it created already.
        if (!fresh && await streams.Load(bindingId, ct) is { } existing)
        {
            return new(existing.State, null);
        }

        // The facts are independent reads: load them side by side.
        var authorizerTask = insured.Get(caller.Id, ct);
        var authorizerRelationshipsTask = relationships.Active(caller.Id, ct);
        var member = await insured.Find(application.MemberResidentId, ct);
        var memberRelationshipsTask = member is null ? Task.FromResult<IReadOnlyList<ActiveRelationship>>([]) : relationships.Active(member.Person.Id, ct);
        var guard = member is null ? null : await index.GuardOf(caller.Id, member.Person.Id, request.Kind, ct);
        List<OpenRequest> openRequests = guard is not null && await GuardHolds(bindingId, guard, ct) ? [new(member!.Person.Id, request.Kind)] : [];
        if (request.Kind == BindingKind.Proxy && member is not null)
        {
            // The proxy limit counts every open proxy request of the authorizer, not only this member's.
            openRequests.AddRange(await OtherOpenProxies(bindingId, caller.Id, guard, ct));
        }

        var facts = new IntakeFacts(
            (await authorizerTask)?.Person, member?.Person, await authorizerRelationshipsTask, await memberRelationshipsTask, openRequests);
        // The version in force on the request's China date judges it, for its whole life (the requested event names it).
        var now = clock.GetUtcNow();
        var (policy, unjudged) = JudgingPolicy.For(policies, request.Kind, request.Region, facts, Age.ChinaDate(now));
        if (policy is null)
        {
            return new(null, unjudged);
        }

        var decision = decider.Decide(null, Command(application, policy, facts), now);
        if (decision.Refusal is { } refusal)
        {
            return new(null, refusal);
        }

        if (!await index.Register(bindingId, caller.Id, member!.Person.Id, request.Kind, guard, ct))
        {
            return new(null, BindingRefusal.DuplicateRequest);
        }

        // The entry is committed with the request's first events (one write).
        var after = await workflow.Create(bindingId, decision, ct, beside: _ => audit.EntryInStream(caller, "binding-requested", bindingId,
            $"{Wire.Name(request.Kind)} {request.Region} {policy.Version} {Wire.Name(request.Relation)}{(birthCertificate is null ? "" : " proof=birth-certificate")}"));
        return new(after.State, null);
    }

    // The guarded request's status is read only when the guard names another request (OpenRequestGuard decides).
    private async Task<bool> GuardHolds(string bindingId, PersonBindingIndex.Guard guard, CancellationToken ct)
    {
        var guarded = guard.BindingId == bindingId ? null : await streams.Load(guard.BindingId, ct);
        return OpenRequestGuard.Holds(bindingId, guard.BindingId, guarded?.State.Status, guard.TakenAt, clock.GetUtcNow());
    }

    private async Task<IEnumerable<OpenRequest>> OtherOpenProxies(string bindingId, string authorizerId, PersonBindingIndex.Guard? own, CancellationToken ct)
    {
        var others = (await index.GuardsOf(authorizerId, BindingKind.Proxy, ct)).Where(g => g.BindingId != own?.BindingId && g.BindingId != bindingId);
        var loaded = await Task.WhenAll(others.Select(async g => (Guard: g, Stream: await streams.Load(g.BindingId, ct))));
        var now = clock.GetUtcNow();
        // A guard whose create is still writing holds a place too, for a member not known yet: counted under its request's id.
        return loaded.Where(x => OpenRequestGuard.Holds(bindingId, x.Guard.BindingId, x.Stream?.State.Status, x.Guard.TakenAt, now))
            .Select(x => new OpenRequest(x.Stream?.State.MemberId ?? x.Guard.BindingId, BindingKind.Proxy));
    }

    private RequestBinding Command(BindingApplication application, RegionPolicy policy, IntakeFacts facts)
    {
        var request = application.Request;
        return new RequestBinding(
            application.BindingId, application.Caller.Id, request.Kind, policy, request.Relation, request.Member.Name,
            application.MemberResidentId.Masked, request.CommitmentConfirmed, facts)
        {
            BirthCertificate = application.BirthCertificate is { } number ? Proof(protector.Seal(number), number) : null,
        };
    }

    // Only the sealed copy and the masked form are kept: the number is an identity number like a resident ID.
    private static BirthCertificateProof Proof(ResidentIdProtector.Sealed sealedNumber, BirthCertificateNumber number) =>
        new(number.Masked, sealedNumber.KeyId, sealedNumber.Data);
}
