namespace FamilyAid.Domain.Bindings;

/// <summary>Which effects an event asks for (pure: the outbox rows written in the same transaction as the event).</summary>
public static class BindingReactions
{
    /// <summary>The effects of <paramref name="event"/>, given the state after it.</summary>
    public static IReadOnlyList<BindingEffect> To(BindingEvent @event, BindingState after) => @event switch
    {
        BindingApproved e =>
        [
            new ActivateRelationship(after.Id, after.AuthorizerId, after.MemberId, after.Kind, after.Relation, after.Region, e.At),
            Release(after),
        ],
        BindingCancelled => [Release(after)],
        _ => [],
    };

    private static ReleaseOpenRequest Release(BindingState s) => new(s.Id, s.AuthorizerId, s.MemberId, s.Kind);
}
