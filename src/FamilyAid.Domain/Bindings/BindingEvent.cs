using System.Collections.Immutable;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Bindings;

/// <summary>Something that happened to a binding request; the stream of them is its timeline.</summary>
public abstract record BindingEvent(DateTimeOffset At)
{
    /// <summary>The stable name shown on the timeline and stored with the event.</summary>
    public abstract string Name { get; }
}

/// <summary>The request was opened; carries what was decided at intake.</summary>
/// <remarks>Not the member's birth date: beside the masked ID it would give the whole resident ID back (SECURITY:
/// nothing stored in clear may reveal more than the mask). The face check is decided from the date the edge
/// unseals, and only its outcome is kept.</remarks>
/// <param name="FaceCheckRequired">Whether the member is old enough for a face check on the day of the request.</param>
public sealed record BindingRequested(
    DateTimeOffset At,
    string BindingId,
    BindingKind Kind,
    string Region,
    Relation Relation,
    string AuthorizerId,
    string MemberId,
    string MemberName,
    string MemberIdMasked,
    bool FaceCheckRequired,
    ImmutableArray<DocumentType> RequiredDocuments,
    bool CommitmentRequired,
    bool CommitmentConfirmed,
    bool ReviewRequired,
    int FaceCheckMinAge,
    DateTimeOffset DueAt) : BindingEvent(At)
{
    /// <summary>The name of every requested event (a timeline tells its first step by it).</summary>
    public const string EventName = "requested";

    /// <inheritdoc />
    public override string Name => EventName;

    /// <summary>The birth certificate number that proves the relation of a newborn child, sealed; null when the
    /// relation is proven otherwise.</summary>
    public BirthCertificateProof? BirthCertificate { get; init; }

    /// <summary>The id of the policy version that judged the request; null in events written before versions were
    /// recorded (read as the version of the region in force on the request's date).</summary>
    public string? PolicyVersion { get; init; }

    /// <summary>Whether the agency reviews the relation proof of a member who skips the face check, as the judging version
    /// said (<see cref="Policy.UnverifiedMemberPolicy.AgencyReview"/>); true in events written before it was recorded.</summary>
    public bool UnverifiedMemberReview { get; init; } = true;
}

/// <summary>A document was stored (a later one of the same type replaces it).</summary>
public sealed record DocumentRecorded(DateTimeOffset At, DocumentType Type, UploadedDocument Document) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "document-uploaded";
}

/// <summary>The request was handed in and moved to its next step.</summary>
public sealed record BindingSubmitted(DateTimeOffset At, BindingStatus Next, bool FaceCheckRequired, DateTimeOffset? DueAt)
    : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "submitted";
}

/// <summary>Every step passed: the relationship is to be activated (the member's place in the group claimed first).</summary>
public sealed record ActivationStarted(DateTimeOffset At) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "activation-started";
}

/// <summary>The member's place was taken by another request approved first: one sharing group at a time.</summary>
public sealed record GroupPlaceTaken(DateTimeOffset At) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "already-in-group";
}

/// <summary>The authorizer's proxy slots were all taken when this proxy was to activate (亲情账户: five people at most).</summary>
public sealed record ProxyLimitReached(DateTimeOffset At) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "proxy-limit";
}

/// <summary>The relationship is active: the request is bound.</summary>
public sealed record BindingApproved(DateTimeOffset At) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "approved";
}

/// <summary>The authorizer withdrew the request.</summary>
public sealed record BindingCancelled(DateTimeOffset At) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "cancelled";
}

/// <summary>A reviewer found the documents in order; the request moves to <paramref name="Next"/>.</summary>
public sealed record ReviewApproved(DateTimeOffset At, string ReviewerId, string Reason, BindingStatus Next, DateTimeOffset? DueAt)
    : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "review-approved";
}

/// <summary>A reviewer verified the member's face at the counter.</summary>
public sealed record VerifiedOffline(DateTimeOffset At, string ReviewerId, string Reason) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "verified-offline";
}

/// <summary>Refused, by a reviewer (<paramref name="By"/> is their id) or by a rule (<c>face-check</c>, <c>family-group</c>).</summary>
public sealed record BindingRejected(DateTimeOffset At, string By, string Reason) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "rejected";
}

/// <summary>The member consented and a face-check session opened.</summary>
public sealed record FaceCheckStarted(DateTimeOffset At, string SessionId, DateTimeOffset ConsentAt) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "face-check-started";
}

/// <summary>The provider says the face matched.</summary>
public sealed record FaceCheckPassed(DateTimeOffset At, string SessionId, double Score) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "face-check-passed";
}

/// <summary>The provider says it did not; <paramref name="RetriesLeft"/> more may be tried.</summary>
public sealed record FaceCheckFailed(DateTimeOffset At, string SessionId, double Score, int RetriesLeft) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "face-check-failed";
}

/// <summary>The review passed its SLA; supervisors are told and it may still be decided until it expires.</summary>
public sealed record ReviewEscalated(DateTimeOffset At, DateTimeOffset ExpiresAt) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "review-escalated";
}

/// <summary>Nobody acted in time at step <paramref name="Step"/>.</summary>
public sealed record BindingExpired(DateTimeOffset At, BindingStatus Step) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "expired";
}

/// <summary>An effect could not be done after every retry; operators must look (see OPERATIONS.md).</summary>
public sealed record EffectFailed(DateTimeOffset At, string Effect, string OutboxKey, string Detail) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "effect-failed";
}
