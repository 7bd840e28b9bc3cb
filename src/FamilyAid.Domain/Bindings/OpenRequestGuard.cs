namespace FamilyAid.Domain.Bindings;

/// <summary>The open-request guard: per authorizer, member and kind, one row naming the open request, taken when a
/// request is created, so that two racing creates cannot both open one.</summary>
public static class OpenRequestGuard
{
    /// <summary>A guard naming a request whose stream is not there is a create still writing, until this much time
    /// has passed; after it, the create is taken to have died and the guard may be replaced.</summary>
    public static readonly TimeSpan CreateGrace = TimeSpan.FromMinutes(1);

    /// <summary>Whether the guard still holds the place of an open request against <paramref name="requestId"/>, or may
    /// be replaced by it: a guard naming the request itself (a retry of its create) or a final request does not hold,
    /// nor does one whose request never got a stream once <see cref="CreateGrace"/> has passed since it was taken.</summary>
    /// <param name="requestId">The request being created.</param>
    /// <param name="guardedId">The request the guard names.</param>
    /// <param name="guardedStatus">That request's status; null when it has no stream (its create is writing, or died).</param>
    /// <param name="takenAt">When the guard was taken.</param>
    /// <param name="now">Now.</param>
    public static bool Holds(string requestId, string guardedId, BindingStatus? guardedStatus, DateTimeOffset takenAt, DateTimeOffset now) =>
        guardedId != requestId && (guardedStatus is { } status ? !status.IsFinal() : now - takenAt < CreateGrace);
}
