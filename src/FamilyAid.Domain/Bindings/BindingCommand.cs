using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Bindings;

/// <summary>Something a caller asks of a binding request.</summary>
public abstract record BindingCommand;

/// <summary>Open a new request (the authorizer).</summary>
/// <param name="BindingId">The new request's id, made by the caller of the decider.</param>
/// <param name="AuthorizerId">The caller.</param>
/// <param name="MemberName">The name the authorizer typed; must match the insured record.</param>
/// <param name="MemberIdMasked">The member's masked resident ID, for display.</param>
/// <param name="CommitmentConfirmed">Whether the authorizer confirmed the commitment letter in-app.</param>
public sealed record RequestBinding(
    string BindingId,
    string AuthorizerId,
    BindingKind Kind,
    RegionPolicy Policy,
    Relation Relation,
    string MemberName,
    string MemberIdMasked,
    bool CommitmentConfirmed,
    IntakeFacts Facts) : BindingCommand
{
    /// <summary>A newborn child's birth certificate number, given instead of the 户口本 pages; null when none was given.</summary>
    public BirthCertificateProof? BirthCertificate { get; init; }
}

/// <summary>Record an uploaded document (stored already; the event points at it).</summary>
public sealed record RecordDocument(DocumentType Type, UploadedDocument Document) : BindingCommand;

/// <summary>Hand the request in.</summary>
/// <param name="MemberBirthDate">The member's birth date, from their insured record (the request does not keep it):
/// whether a face check is needed is decided on the day of submission.</param>
public sealed record SubmitBinding(DateOnly MemberBirthDate) : BindingCommand;

/// <summary>Withdraw the request (the authorizer).</summary>
public sealed record CancelBinding : BindingCommand;

/// <summary>What a reviewer may decide.</summary>
public enum ReviewDecision
{
    /// <summary>The documents prove the relation: on to the face check (or approved when none is needed).</summary>
    Approve,

    /// <summary>Refused, with a reason the applicant sees.</summary>
    Reject,

    /// <summary>The member's face was verified at the counter: approved without the in-app check.</summary>
    VerifyOffline,
}

/// <summary>A reviewer's decision (the edge has checked the reviewer's region).</summary>
public sealed record DecideReview(string ReviewerId, ReviewDecision Decision, string Reason) : BindingCommand;

/// <summary>The member consented to biometric processing and the provider opened a session.</summary>
public sealed record StartFaceCheck(string SessionId, DateTimeOffset ConsentAt) : BindingCommand;

/// <summary>The provider's verdict for a session (delivered at least once).</summary>
public sealed record RecordFaceCheckResult(string SessionId, bool Passed, double Score) : BindingCommand;

/// <summary>A durable timer set for <paramref name="DueAt"/> went off; stale unless the request still waits for it.</summary>
public sealed record FireTimer(DateTimeOffset DueAt) : BindingCommand;

/// <summary>An effect failed for good (its message went to the poison queue): recorded so the request is not silently stuck.</summary>
/// <param name="OutboxKey">Which outbox row failed: a repeat of the same failure is recorded once.</param>
public sealed record RecordEffectFailure(string Effect, string OutboxKey, string Detail) : BindingCommand;

/// <summary>How the activation of an approved request ended.</summary>
public enum ActivationOutcome
{
    /// <summary>The member's place was claimed and the relationship is active.</summary>
    Activated,

    /// <summary>Another request claimed the member's place first.</summary>
    AlreadyInGroup,

    /// <summary>The authorizer's proxy slots were all taken first (<see cref="BindingEligibility.ProxyLimit"/>).</summary>
    ProxyLimitReached,
}

/// <summary>The activation effect reports its outcome (delivered at least once).</summary>
public sealed record RecordActivation(ActivationOutcome Outcome) : BindingCommand;
