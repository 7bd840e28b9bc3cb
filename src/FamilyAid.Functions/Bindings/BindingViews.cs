using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Bindings.Workflow;

namespace FamilyAid.Functions.Bindings;

/// <summary>The member as others see them: name and masked ID.</summary>
public sealed record MemberView(string Name, string ResidentIdMasked);

/// <summary>A document slot: required type, whether it is uploaded, and its digest when it is.</summary>
public sealed record DocumentView(DocumentType Type, bool Uploaded, string? Sha256, long? Size);

/// <summary>One timeline entry; the <c>requested</c> entry names the policy version that judges the request.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Event)
{
    /// <summary>The id of the judging policy version, on the <c>requested</c> entry only.</summary>
    public string? PolicyVersion { get; init; }
}

/// <summary><c>GET /api/bindings/{id}</c>.</summary>
public sealed record BindingView(
    string Id,
    BindingKind Kind,
    string Region,
    Relation Relation,
    BindingStatus Status,
    MemberView Member,
    IReadOnlyList<DocumentView> Documents,
    bool CommitmentRequired,
    bool CommitmentConfirmed,
    bool FaceCheckRequired,
    IReadOnlyList<TimelineEntry> Timeline,
    DateTimeOffset RequestedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DueAt)
{
    /// <summary>The id of the policy version that judges the request, kept for its whole life.</summary>
    public string? PolicyVersion { get; init; }

    /// <summary>The view of a request and its stream; a request recorded before versions were named shows the version of
    /// its region in force on its China date in <paramref name="policies"/>.</summary>
    public static BindingView Of(BindingState s, IReadOnlyList<StoredEvent> events, PolicyBook policies) =>
        Of(s, events.Select(e => new TimelineMark(e.Name, e.At)).ToList(), policies);

    /// <summary>The view of a request and its timeline (as its header keeps it, or read from its events).</summary>
    public static BindingView Of(BindingState s, IReadOnlyList<TimelineMark> timeline, PolicyBook policies)
    {
        var version = s.PolicyVersion ?? policies.InForce(s.Region, Age.ChinaDate(s.RequestedAt))?.Version;
        return Of(s, timeline, version) with { PolicyVersion = version };
    }

    private static BindingView Of(BindingState s, IReadOnlyList<TimelineMark> timeline, string? version) => new(
        s.Id, s.Kind, s.Region, s.Relation, s.ShownStatus(), new MemberView(s.MemberName, s.MemberIdMasked),
        s.RequiredDocuments.Select(t => s.Documents.TryGetValue(t, out var d)
            ? new DocumentView(t, true, d.Sha256, d.Size)
            : new DocumentView(t, false, null, null)).ToList(),
        s.CommitmentRequired, s.CommitmentConfirmed, s.FaceCheckRequired,
        timeline.Select(e => new TimelineEntry(e.At, e.Name) { PolicyVersion = e.Name == BindingRequested.EventName ? version : null }).ToList(),
        s.RequestedAt, s.SubmittedAt, s.DueAt);
}

/// <summary>One row of <c>GET /api/bindings</c>.</summary>
public sealed record BindingSummary(
    string Id, BindingKind Kind, string Region, Relation Relation, BindingStatus Status, string Role, MemberView Member,
    DateTimeOffset RequestedAt, DateTimeOffset? DueAt);

/// <summary>The answer to status-changing commands.</summary>
public sealed record StatusView(BindingStatus Status);
