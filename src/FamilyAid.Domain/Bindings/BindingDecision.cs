namespace FamilyAid.Domain.Bindings;

/// <summary>The decider's answer: the events to append, or why not.</summary>
public sealed record BindingDecision(IReadOnlyList<BindingEvent> Events, BindingRefusal? Refusal)
{
    /// <summary>Whether the command was refused.</summary>
    public bool IsRefused => Refusal is not null;

    /// <summary>Accept with these events.</summary>
    public static BindingDecision Accept(params BindingEvent[] events) => new(events, null);

    /// <summary>Refuse, appending nothing.</summary>
    public static BindingDecision Refuse(BindingRefusal refusal) => new([], refusal);
}
