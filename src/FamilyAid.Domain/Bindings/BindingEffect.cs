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
