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
    DateOnly MemberBirthDate,
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
    /// <summary>Whether the member is old enough to need a face check on <paramref name="today"/>.</summary>
    public bool NeedsFaceCheckOn(DateOnly today) => Age.InYears(MemberBirthDate, today) >= FaceCheckMinAge;

    /// <summary>Required documents not uploaded yet, in policy order.</summary>
    public ImmutableArray<DocumentType> MissingDocuments =>
        RequiredDocuments.Where(t => !Documents.ContainsKey(t)).ToImmutableArray();
}
