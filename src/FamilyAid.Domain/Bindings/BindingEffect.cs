namespace FamilyAid.Domain.Bindings;

/// <summary>A side effect an event asks for, done after the event commits (idempotently, possibly more than once).</summary>
/// <remarks>Effects carry what they need, so that doing one never depends on the state at the time it runs.</remarks>
public abstract record BindingEffect
{
    /// <summary>The stable name stored in the outbox.</summary>
    public abstract string Name { get; }
}

/// <summary>An approved request makes the relationship active.</summary>
public sealed record ActivateRelationship(
    string BindingId, string AuthorizerId, string MemberId, BindingKind Kind, Policy.Relation Relation, string Region, DateTimeOffset At)
    : BindingEffect
{
    /// <inheritdoc />
    public override string Name => "activate-relationship";
}

/// <summary>A final request no longer blocks a new one for the same member and kind.</summary>
public sealed record ReleaseOpenRequest(string BindingId, string AuthorizerId, string MemberId, BindingKind Kind) : BindingEffect
{
    /// <inheritdoc />
    public override string Name => "release-open-request";
}

/// <summary>Wake the request at <paramref name="DueAt"/> with a <see cref="FireTimer"/> (a durable timer).</summary>
public sealed record ScheduleTimer(string BindingId, DateTimeOffset DueAt) : BindingEffect
{
    /// <inheritdoc />
    public override string Name => "schedule-timer";
}

/// <summary>Tell someone (a person id, or <c>reviewers:&lt;region&gt;</c>) what happened, by SMS or in-app.</summary>
public sealed record Notify(string BindingId, string RecipientId, string Template) : BindingEffect
{
    /// <inheritdoc />
    public override string Name => "notify";
}

/// <summary>Put the request in its region's review queue.</summary>
public sealed record AddToReviewQueue(
    string BindingId, string Region, BindingKind Kind, Policy.Relation Relation, DateTimeOffset SubmittedAt, DateTimeOffset? DueAt)
    : BindingEffect
{
    /// <inheritdoc />
    public override string Name => "add-to-review-queue";
}

/// <summary>Mark the request escalated in its region's review queue, so that reviewers see it first (nothing happens if it
/// is no longer queued).</summary>
public sealed record MarkEscalatedInReviewQueue(string BindingId, string Region, DateTimeOffset SubmittedAt, DateTimeOffset ExpiresAt)
    : BindingEffect
{
    /// <inheritdoc />
    public override string Name => "mark-escalated-in-review-queue";
}

/// <summary>Take the request out of its region's review queue (nothing happens if it is not there).</summary>
public sealed record RemoveFromReviewQueue(string BindingId, string Region, DateTimeOffset SubmittedAt) : BindingEffect
{
    /// <inheritdoc />
    public override string Name => "remove-from-review-queue";
}
