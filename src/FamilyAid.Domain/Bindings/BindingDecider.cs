using System.Collections.Immutable;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Bindings;

/// <summary>The rules of a binding request: <c>Decide(state, command, now) → events</c> and <c>Evolve(state, event) → state</c>.</summary>
public sealed class BindingDecider(BindingTimeouts timeouts, WorkingCalendar calendar)
{
    /// <summary>A failed face check may be retried this many times; the next failure rejects the request.</summary>
    public const int FaceCheckRetries = 3;

    /// <summary>Decides what <paramref name="command"/> does to the request in <paramref name="state"/> (null: none yet).</summary>
    public BindingDecision Decide(BindingState? state, BindingCommand command, DateTimeOffset now) =>
        (state, command) switch
        {
            (null, RequestBinding request) => Request(request, now),
            (null, _) => throw new InvalidOperationException($"{command.GetType().Name} needs an existing request."),
            (not null, RequestBinding) => throw new InvalidOperationException("The request exists already."),
            (_, RecordDocument record) => RecordDocument(state, record, now),
            (_, SubmitBinding submit) => Submit(state, submit, now),
            (_, CancelBinding) => Cancel(state, now),
            (_, DecideReview review) => Review(state, review, now),
            (_, StartFaceCheck start) => StartFaceCheck(state, start, now),
            (_, RecordFaceCheckResult result) => FaceCheckResult(state, result, now),
            (_, FireTimer timer) => Timer(state, timer, now),
            (_, RecordActivation activation) => RecordActivation(state, activation, now),
            (_, RecordEffectFailure failure) => state.FailedEffects.Contains(failure.OutboxKey)
                ? BindingDecision.Accept()
                : BindingDecision.Accept(new EffectFailed(now, failure.Effect, failure.OutboxKey, failure.Detail)),
            _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
        };

    /// <summary>Applies one event.</summary>
    public static BindingState Evolve(BindingState? state, BindingEvent @event) =>
        (state, @event) switch
        {
            (null, BindingRequested e) => new BindingState(
                e.BindingId, e.Kind, e.Region, e.Relation, e.AuthorizerId, e.MemberId, e.MemberName, e.MemberIdMasked,
                BindingStatus.AwaitingDocuments, e.RequiredDocuments,
                ImmutableSortedDictionary<DocumentType, UploadedDocument>.Empty, e.CommitmentRequired,
                e.CommitmentConfirmed, e.ReviewRequired, e.FaceCheckMinAge,
                e.FaceCheckRequired,
                e.At, SubmittedAt: null, e.DueAt)
            {
                PolicyVersion = e.PolicyVersion, UnverifiedMemberReview = e.UnverifiedMemberReview,
            },
            (not null, DocumentRecorded e) => state with { Documents = state.Documents.SetItem(e.Type, e.Document) },
            (not null, BindingSubmitted e) => state with
            {
                Status = e.Next, FaceCheckRequired = e.FaceCheckRequired, SubmittedAt = e.At, DueAt = e.DueAt,
            },
            (not null, ActivationStarted) => state with { Status = BindingStatus.Activating, DueAt = null, FaceCheckSession = null },
            (not null, GroupPlaceTaken) => state,
            (not null, ProxyLimitReached) => state,
            (not null, BindingApproved) => state with { Status = BindingStatus.Approved, DueAt = null },
            (not null, BindingCancelled) => state with { Status = BindingStatus.Cancelled, DueAt = null, FaceCheckSession = null },
            (not null, ReviewApproved e) => state with { Status = e.Next, DueAt = e.DueAt },
            (not null, VerifiedOffline e) => state with { VerifiedOffline = true, Reason = e.Reason, FaceCheckSession = null },
            (not null, BindingRejected e) => state with { Status = BindingStatus.Rejected, DueAt = null, Reason = e.Reason, FaceCheckSession = null },
            (not null, FaceCheckStarted e) => state with { FaceCheckSession = e.SessionId },
            (not null, FaceCheckPassed) => state with { FaceCheckSession = null },
            (not null, FaceCheckFailed) => state with { FaceCheckSession = null, FaceCheckFailures = state.FaceCheckFailures + 1 },
            (not null, ReviewEscalated e) => state with { Escalated = true, DueAt = e.ExpiresAt },
            (not null, BindingExpired) => state with { Status = BindingStatus.Expired, DueAt = null, FaceCheckSession = null },
            (not null, EffectFailed e) => state with { FailedEffects = state.FailedEffects.Add(e.OutboxKey) },
            _ => throw new InvalidOperationException($"{@event.Name} cannot apply to {(state is null ? "no request" : state.Status)}."),
        };

    /// <summary>Folds a whole stream.</summary>
    public static BindingState? Fold(IEnumerable<BindingEvent> events) => events.Aggregate((BindingState?)null, Evolve);

    private BindingDecision Request(RequestBinding command, DateTimeOffset now)
    {
        var today = Age.ChinaDate(now);
        var refusal = BindingEligibility.Check(command) ?? IntakeRequirements.RefuseProof(command, today);
        if (refusal is not null)
        {
            return BindingDecision.Refuse(refusal.Value);
        }

        var policy = command.Policy;
        var member = command.Facts.Member!;
        var sharing = command.Kind == BindingKind.Sharing;
        var needs = IntakeRequirements.For(command, today);
        return BindingDecision.Accept(new BindingRequested(
            now,
            command.BindingId,
            command.Kind,
            policy.Region,
            command.Relation,
            command.AuthorizerId,
            member.Id,
            member.Name,
            command.MemberIdMasked,
            FaceCheckRequired: Age.InYears(member.BirthDate, Age.ChinaDate(now)) >= policy.FaceCheckMinAge,
            needs.Documents,
            CommitmentRequired: sharing && policy.CommitmentConfirmedInApp,
            command.CommitmentConfirmed,
            needs.ReviewRequired,
            policy.FaceCheckMinAge,
            now + timeouts.Documents)
        {
            BirthCertificate = command.BirthCertificate, PolicyVersion = policy.Version,
            UnverifiedMemberReview = policy.UnverifiedMember.AgencyReview,
        });
    }

    /// <summary>Why a document of <paramref name="type"/> cannot be recorded now, or null when it can.</summary>
    /// <remarks>Asked before the bytes are stored, so that an upload that would be refused is not read at all.</remarks>
    public static BindingRefusal? RefuseDocument(BindingState state, DocumentType type) =>
        state.Status != BindingStatus.AwaitingDocuments ? BindingRefusal.DocumentsLocked
        : !state.RequiredDocuments.Contains(type) ? BindingRefusal.DocumentNotRequired
        : null;

    private static BindingDecision RecordDocument(BindingState state, RecordDocument command, DateTimeOffset now) =>
        RefuseDocument(state, command.Type) is { } refusal
            ? BindingDecision.Refuse(refusal)
            : BindingDecision.Accept(new DocumentRecorded(now, command.Type, command.Document));

    private BindingDecision Submit(BindingState state, SubmitBinding submit, DateTimeOffset now)
    {
        if (state.Status.IsFinal())
        {
            return BindingDecision.Refuse(BindingRefusal.AlreadyFinal);
        }

        if (state.Status != BindingStatus.AwaitingDocuments)
        {
            return BindingDecision.Refuse(BindingRefusal.AlreadySubmitted);
        }

        if (!state.MissingDocuments().IsEmpty || (state.CommitmentRequired && !state.CommitmentConfirmed))
        {
            return BindingDecision.Refuse(BindingRefusal.MissingDocuments);
        }

        // Age is taken on the day of submission: a member who turned 16 since the request needs the check now.
        var faceCheck = state.NeedsFaceCheckOn(submit.MemberBirthDate, Age.ChinaDate(now));
        // Checked again here, not only at intake: a member who skips the face check is never approved unseen, also in
        // a request opened before proof was asked of such members (UnverifiedMemberPolicy).
        if (state.ReviewRequired || (!faceCheck && state.UnverifiedMemberReview))
        {
            return BindingDecision.Accept(new BindingSubmitted(
                now, BindingStatus.InReview, faceCheck, calendar.AddWorkingDays(now, timeouts.ReviewWorkingDays)));
        }

        if (faceCheck)
        {
            return BindingDecision.Accept(new BindingSubmitted(
                now, BindingStatus.AwaitingFaceCheck, faceCheck, now + timeouts.FaceCheck));
        }

        return BindingDecision.Accept(
            new BindingSubmitted(now, BindingStatus.Activating, FaceCheckRequired: false, DueAt: null),
            new ActivationStarted(now));
    }

    private BindingDecision Review(BindingState state, DecideReview review, DateTimeOffset now)
    {
        if (review.Decision == ReviewDecision.VerifyOffline && state.Status == BindingStatus.AwaitingFaceCheck)
        {
            // A relative who cannot use the app is verified at the counter, with or without an agency review before.
            return BindingDecision.Accept(new VerifiedOffline(now, review.ReviewerId, review.Reason), new ActivationStarted(now));
        }

        if (state.Status != BindingStatus.InReview)
        {
            return BindingDecision.Refuse(BindingRefusal.NotInReview);
        }

        return review.Decision switch
        {
            ReviewDecision.Reject => BindingDecision.Accept(new BindingRejected(now, review.ReviewerId, review.Reason)),
            ReviewDecision.VerifyOffline => BindingDecision.Accept(
                new ReviewApproved(now, review.ReviewerId, review.Reason, BindingStatus.Activating, null),
                new VerifiedOffline(now, review.ReviewerId, review.Reason),
                new ActivationStarted(now)),
            _ when state.FaceCheckRequired => BindingDecision.Accept(new ReviewApproved(
                now, review.ReviewerId, review.Reason, BindingStatus.AwaitingFaceCheck, now + timeouts.FaceCheck)),
            _ => BindingDecision.Accept(
                new ReviewApproved(now, review.ReviewerId, review.Reason, BindingStatus.Activating, null),
                new ActivationStarted(now)),
        };
    }

    private static BindingDecision StartFaceCheck(BindingState state, StartFaceCheck start, DateTimeOffset now) =>
        state.Status != BindingStatus.AwaitingFaceCheck
            ? BindingDecision.Refuse(state.Status.IsFinal() ? BindingRefusal.AlreadyFinal : BindingRefusal.NotAwaitingFaceCheck)
            : BindingDecision.Accept(new FaceCheckStarted(now, start.SessionId, start.ConsentAt));

    private static BindingDecision FaceCheckResult(BindingState state, RecordFaceCheckResult result, DateTimeOffset now)
    {
        if (state.FaceCheckSession != result.SessionId)
        {
            // A repeated callback for a session already decided changes nothing; one for a session never opened is refused.
            return BindingDecision.Refuse(BindingRefusal.UnknownFaceCheckSession);
        }

        if (result.Passed)
        {
            return BindingDecision.Accept(new FaceCheckPassed(now, result.SessionId, result.Score), new ActivationStarted(now));
        }

        // The first check and FaceCheckRetries more: the failure that leaves no retry rejects.
        var retriesLeft = FaceCheckRetries - state.FaceCheckFailures;
        return retriesLeft > 0
            ? BindingDecision.Accept(new FaceCheckFailed(now, result.SessionId, result.Score, retriesLeft))
            : BindingDecision.Accept(
                new FaceCheckFailed(now, result.SessionId, result.Score, 0),
                new BindingRejected(now, "face-check", $"The face check failed {FaceCheckRetries + 1} times."));
    }

    private BindingDecision Timer(BindingState state, FireTimer timer, DateTimeOffset now)
    {
        // A timer is stale when the request moved on or was given a new due time since it was set.
        if (state.Status.IsFinal() || state.DueAt != timer.DueAt || now < timer.DueAt)
        {
            return BindingDecision.Accept();
        }

        return state.Status == BindingStatus.InReview && !state.Escalated
            ? BindingDecision.Accept(new ReviewEscalated(now, calendar.AddWorkingDays(state.SubmittedAt ?? now, timeouts.ReviewExpiryWorkingDays)))
            : BindingDecision.Accept(new BindingExpired(now, state.Status));
    }

    // Only the activation's own outcome moves a request on from Activating; a repeated outcome changes nothing.
    private static BindingDecision RecordActivation(BindingState state, RecordActivation activation, DateTimeOffset now) =>
        state.Status != BindingStatus.Activating ? BindingDecision.Accept()
        : activation.Outcome == ActivationOutcome.Activated ? BindingDecision.Accept(new BindingApproved(now))
        : activation.Outcome == ActivationOutcome.ProxyLimitReached
            ? BindingDecision.Accept(
                new ProxyLimitReached(now),
                new BindingRejected(now, "proxy-limit", $"The authorizer already acts for {BindingEligibility.ProxyLimit} people (亲情账户)."))
        : BindingDecision.Accept(
            new GroupPlaceTaken(now),
            new BindingRejected(now, "family-group", "The member joined another family group first (one sharing group at a time)."));

    // Once activation started the decision is taken: it can no longer be withdrawn.
    private static BindingDecision Cancel(BindingState state, DateTimeOffset now) =>
        state.Status.IsFinal() || state.Status == BindingStatus.Activating
            ? BindingDecision.Refuse(BindingRefusal.AlreadyFinal)
            : BindingDecision.Accept(new BindingCancelled(now));
}
