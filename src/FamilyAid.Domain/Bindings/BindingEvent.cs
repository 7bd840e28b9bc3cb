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
    DateOnly MemberBirthDate,
    ImmutableArray<DocumentType> RequiredDocuments,
    bool CommitmentRequired,
    bool CommitmentConfirmed,
    bool ReviewRequired,
    int FaceCheckMinAge,
    DateTimeOffset DueAt) : BindingEvent(At)
{
    /// <inheritdoc />
    public override string Name => "requested";
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

/// <summary>Every step is done: the relationship is active.</summary>
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
