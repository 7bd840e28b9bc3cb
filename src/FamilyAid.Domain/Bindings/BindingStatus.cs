namespace FamilyAid.Domain.Bindings;

/// <summary>Where a binding request stands.</summary>
public enum BindingStatus
{
    /// <summary>Created; documents may be uploaded until it is submitted.</summary>
    AwaitingDocuments,

    /// <summary>Waiting for the city agency's reviewer.</summary>
    InReview,

    /// <summary>Waiting for the member's face check.</summary>
    AwaitingFaceCheck,

    /// <summary>Every step passed; the member's place in the group is being claimed and the relationship activated.</summary>
    /// <remarks>Internal: the answer shows the step before it (<see cref="BindingState.ShownStatus"/>), so that a client
    /// reads <see cref="Approved"/> only once the relationship can be used.</remarks>
    Activating,

    /// <summary>Bound: the relationship is active.</summary>
    Approved,

    /// <summary>Refused by a reviewer or by failed face checks.</summary>
    Rejected,

    /// <summary>Withdrawn by the authorizer.</summary>
    Cancelled,

    /// <summary>Left waiting past its due time.</summary>
    Expired,
}

/// <summary>Status helpers.</summary>
public static class BindingStatusExtensions
{
    /// <summary>Whether nothing more can happen to the request.</summary>
    public static bool IsFinal(this BindingStatus status) =>
        status is BindingStatus.Approved or BindingStatus.Rejected or BindingStatus.Cancelled or BindingStatus.Expired;
}
