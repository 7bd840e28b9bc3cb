using System.Collections.Immutable;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Bindings;

/// <summary>A binding request as its events left it.</summary>
public sealed record BindingState(
    string Id,
    BindingKind Kind,
    string Region,
    Relation Relation,
    string AuthorizerId,
    string MemberId,
    string MemberName,
    string MemberIdMasked,
    BindingStatus Status,
    ImmutableArray<DocumentType> RequiredDocuments,
    ImmutableSortedDictionary<DocumentType, UploadedDocument> Documents,
    bool CommitmentRequired,
    bool CommitmentConfirmed,
    bool ReviewRequired,
    int FaceCheckMinAge,
    bool FaceCheckRequired,
    DateTimeOffset RequestedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DueAt)
{
    /// <summary>The id of the policy version that judged the request, kept for its whole life; null when its requested
    /// event predates recorded versions.</summary>
    public string? PolicyVersion { get; init; }

    /// <summary>Whether the agency reviews the relation proof of a member who skips the face check (from the judging version).</summary>
    public bool UnverifiedMemberReview { get; init; } = true;

    /// <summary>Face checks that failed so far.</summary>
    public int FaceCheckFailures { get; init; }

    /// <summary>The face-check session waiting for its result, if any.</summary>
    public string? FaceCheckSession { get; init; }

    /// <summary>Whether the review passed its SLA and was escalated.</summary>
    public bool Escalated { get; init; }

    /// <summary>Why it was rejected, or how the face check was done when offline.</summary>
    public string? Reason { get; init; }

    /// <summary>Whether the member's face was verified at a counter instead of in the app.</summary>
    public bool VerifiedOffline { get; init; }

    /// <summary>Outbox rows whose effect failed for good (recorded once each).</summary>
    public ImmutableSortedSet<string> FailedEffects { get; init; } = ImmutableSortedSet<string>.Empty;

    /// <summary>Whether the member, born on <paramref name="memberBirthDate"/>, is old enough to need a face check on <paramref name="today"/>.</summary>
    /// <remarks>The birth date is not part of the state (it would be stored in clear): the edge unseals it for each command that needs it.</remarks>
    public bool NeedsFaceCheckOn(DateOnly memberBirthDate, DateOnly today) => Age.InYears(memberBirthDate, today) >= FaceCheckMinAge;

    /// <summary>The status people are shown: while the relationship is being activated, the step that approved it.</summary>
    /// <remarks>A method, not a property: it is derived, so it must not be stored in the header's snapshot. Activation
    /// follows a passed face check (or an offline verification), or a review when no face check is needed.</remarks>
    public BindingStatus ShownStatus() => Status switch
    {
        BindingStatus.Activating => FaceCheckRequired ? BindingStatus.AwaitingFaceCheck : BindingStatus.InReview,
        var status => status,
    };

    /// <summary>Required documents not uploaded yet, in policy order.</summary>
    /// <remarks>A method, not a property: it is derived, so it must not be stored in the header's snapshot.</remarks>
    public ImmutableArray<DocumentType> MissingDocuments() =>
        RequiredDocuments.Where(t => !Documents.ContainsKey(t)).ToImmutableArray();
}
