namespace FamilyAid.Domain.Tests.TestData;

/// <summary>Brings a binding request to a starting state through the decider itself, asserting each step is accepted.</summary>
public static class Given
{
    /// <summary>A decider on a weekends-only calendar with the default timeouts.</summary>
    public static readonly BindingDecider Decider = new(BindingTimeouts.Default, WorkingCalendar.WeekendsOnly);

    /// <summary>Monday 2026-06-01 10:00 in China: the member born 2010-05-10 is 16.</summary>
    public static readonly DateTimeOffset Now = China.At(2026, 6, 1, 10, 0);

    public static BindingState Requested(RequestBinding command, DateTimeOffset at) => Apply(null, command, at);

    public static BindingState Requested(RequestBuilder request, DateTimeOffset at) => Requested(request.Build(), at);

    /// <summary>Every required document uploaded.</summary>
    public static BindingState WithAllDocuments(this BindingState state, DateTimeOffset at) =>
        state.RequiredDocuments.Aggregate(state, (s, type) => Apply(s, new RecordDocument(type, Document(type, at)), at));

    /// <summary>Every required document but <paramref name="missing"/>.</summary>
    public static BindingState WithAllDocumentsBut(this BindingState state, DocumentType missing, DateTimeOffset at) =>
        state.RequiredDocuments.Where(t => t != missing)
            .Aggregate(state, (s, type) => Apply(s, new RecordDocument(type, Document(type, at)), at));

    /// <summary>Submitted, the edge passing the member's birth date (the default member's unless told).</summary>
    public static BindingState Submitted(this BindingState state, DateTimeOffset at, DateOnly? memberBornOn = null) =>
        Apply(state, Submit(memberBornOn), at);

    /// <summary>The submit command, with the birth date the edge reads from the member's insured record.</summary>
    public static SubmitBinding Submit(DateOnly? memberBornOn = null) => new(memberBornOn ?? TestPeople.SixteenOn20260510);

    public static BindingState Cancelled(this BindingState state, DateTimeOffset at) => Apply(state, new CancelBinding(), at);

    /// <summary>The reviewer every review test uses.</summary>
    public const string ReviewerId = "reviewer-gd-1";

    /// <summary>A complete guangdong sharing request (or <paramref name="request"/>), submitted at <paramref name="at"/>: in review.</summary>
    public static BindingState InReview(DateTimeOffset at, RequestBuilder? request = null) =>
        Requested(request ??= RequestBuilder.Sharing(RegionPolicy.Guangdong), at).WithAllDocuments(at).Submitted(at, request.MemberBirthDate);

    /// <summary>In review since <paramref name="at"/>, escalated when its SLA timer fired (at its due time).</summary>
    public static BindingState EscalatedReview(DateTimeOffset at, RequestBuilder? request = null) =>
        InReview(at, request).TimerFired();

    /// <summary>Submitted at <paramref name="at"/>, approved by the reviewer one hour later: waiting for the member's face check.</summary>
    public static BindingState AwaitingFaceCheck(DateTimeOffset at, RequestBuilder? request = null)
    {
        var state = InReview(at, request).Reviewed(ReviewDecision.Approve, at.AddHours(1));
        Assert.Equal(BindingStatus.AwaitingFaceCheck, state.Status);
        return state;
    }

    /// <summary>A gansu request for an adult member (commitment confirmed in-app), submitted at <paramref name="at"/>: no review, straight to the face check.</summary>
    public static BindingState AwaitingFaceCheckInGansu(DateTimeOffset at)
    {
        var state = Requested(RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed(), at).Submitted(at);
        Assert.Equal(BindingStatus.AwaitingFaceCheck, state.Status);
        return state;
    }

    /// <summary>Applies <paramref name="command"/> through the decider, asserting it is accepted.</summary>
    public static BindingState After(this BindingState state, BindingCommand command, DateTimeOffset at) => Apply(state, command, at);

    public static BindingState Reviewed(this BindingState state, ReviewDecision decision, DateTimeOffset at, string reason = "documents in order") =>
        Apply(state, new DecideReview(ReviewerId, decision, reason), at);

    public static BindingState FaceCheckStarted(this BindingState state, string sessionId, DateTimeOffset at) =>
        Apply(state, new StartFaceCheck(sessionId, at), at);

    public static BindingState FaceCheckResult(this BindingState state, string sessionId, bool passed, DateTimeOffset at) =>
        Apply(state, new RecordFaceCheckResult(sessionId, passed, passed ? 0.93 : 0.41), at);

    /// <summary>The activation reports that the member's place was claimed and the relationship is active.</summary>
    public static BindingState Activated(this BindingState state, DateTimeOffset at) =>
        Apply(state, new RecordActivation(ActivationOutcome.Activated), at);

    /// <summary>The timer for the current due time fires on time.</summary>
    public static BindingState TimerFired(this BindingState state)
    {
        var due = state.DueAt ?? throw new InvalidOperationException("test setup: nothing is due");
        return Apply(state, new FireTimer(due), due);
    }

    /// <summary>A stored document of <paramref name="type"/>.</summary>
    public static UploadedDocument Document(DocumentType type, DateTimeOffset at, string digestSeed = "a") => new(
        $"bindings/binding-1/{type}", string.Concat(Enumerable.Repeat(digestSeed, 64)), 48_213, "image/jpeg", at);

    private static BindingState Apply(BindingState? state, BindingCommand command, DateTimeOffset at)
    {
        var decision = Decider.Decide(state, command, at);
        Assert.False(decision.IsRefused, $"test setup: {command.GetType().Name} was refused with {decision.Refusal}");
        return decision.Events.Aggregate(state, BindingDecider.Evolve)!;
    }
}
