namespace FamilyAid.Domain.Bindings;

/// <summary>Which effects an event asks for (pure: the outbox rows written in the same transaction as the event).</summary>
public static class BindingReactions
{
    /// <summary>Notification templates, by name.</summary>
    public static class Templates
    {
        /// <summary>The member should do the face check.</summary>
        public const string FaceCheckDue = "face-check-due";

        /// <summary>A face check failed; it may be retried.</summary>
        public const string FaceCheckFailed = "face-check-failed";

        /// <summary>The binding is active.</summary>
        public const string Approved = "approved";

        /// <summary>The request was refused.</summary>
        public const string Rejected = "rejected";

        /// <summary>The authorizer withdrew the request.</summary>
        public const string Cancelled = "cancelled";

        /// <summary>Nobody acted in time.</summary>
        public const string Expired = "expired";

        /// <summary>To the region's reviewers: the SLA has passed.</summary>
        public const string ReviewOverdue = "review-overdue";

        /// <summary>To the authorizer: the review takes longer than promised.</summary>
        public const string ReviewDelayed = "review-delayed";
    }

    /// <summary>The recipient id that stands for every reviewer of a region.</summary>
    public static string Reviewers(string region) => $"reviewers-{region}";

    /// <summary>The effects of <paramref name="event"/>, given the state after it.</summary>
    public static IReadOnlyList<BindingEffect> To(BindingEvent @event, BindingState after) => @event switch
    {
        BindingRequested e => [new ScheduleTimer(after.Id, e.DueAt)],
        BindingSubmitted e => [
            .. e.Next == BindingStatus.InReview
                ? [new AddToReviewQueue(after.Id, after.Region, after.Kind, after.Relation, e.At, e.DueAt)]
                : Array.Empty<BindingEffect>(),
            .. Waiting(after, e.Next, e.DueAt)],
        ReviewApproved e => [Dequeue(after), .. Waiting(after, e.Next, e.DueAt)],
        ActivationStarted =>
            [new ActivateRelationship(after.Id, after.AuthorizerId, after.MemberId, after.Kind, after.Relation, after.Region, @event.At)],
        BindingApproved =>
        [
            Release(after),
            new Notify(after.Id, after.AuthorizerId, Templates.Approved),
            new Notify(after.Id, after.MemberId, Templates.Approved),
        ],
        BindingRejected =>
        [
            Dequeue(after), Release(after),
            new Notify(after.Id, after.AuthorizerId, Templates.Rejected),
            new Notify(after.Id, after.MemberId, Templates.Rejected),
        ],
        BindingCancelled => [Dequeue(after), Release(after), new Notify(after.Id, after.MemberId, Templates.Cancelled)],
        BindingExpired => [Dequeue(after), Release(after), new Notify(after.Id, after.AuthorizerId, Templates.Expired)],
        ReviewEscalated e =>
        [
            new Notify(after.Id, Reviewers(after.Region), Templates.ReviewOverdue),
            new Notify(after.Id, after.AuthorizerId, Templates.ReviewDelayed),
            new ScheduleTimer(after.Id, e.ExpiresAt),
            new MarkEscalatedInReviewQueue(after.Id, after.Region, after.SubmittedAt ?? after.RequestedAt, e.ExpiresAt),
        ],
        FaceCheckFailed { RetriesLeft: > 0 } => [new Notify(after.Id, after.MemberId, Templates.FaceCheckFailed)],
        _ => [],
    };

    /// <summary>Whether <paramref name="effect"/>, read back from the outbox, still agrees with the request it belongs to.</summary>
    /// <remarks>A queue message is only a pointer: the effect is done only when the stored row and the request's state
    /// agree, so a forged, replayed or late message changes nothing (activating after the relationship ended, for one).</remarks>
    public static bool AgreesWith(BindingEffect effect, BindingState state) => effect switch
    {
        ActivateRelationship e => e.BindingId == state.Id && state.Status == BindingStatus.Activating
            && e.AuthorizerId == state.AuthorizerId && e.MemberId == state.MemberId && e.Kind == state.Kind,
        ReleaseOpenRequest e => e.BindingId == state.Id && state.Status.IsFinal()
            && e.AuthorizerId == state.AuthorizerId && e.MemberId == state.MemberId && e.Kind == state.Kind,
        // A timer the request no longer waits for is harmless: when it fires, the decider finds it stale.
        ScheduleTimer e => e.BindingId == state.Id,
        AddToReviewQueue e => e.BindingId == state.Id && state.Status == BindingStatus.InReview && e.Region == state.Region,
        MarkEscalatedInReviewQueue e => e.BindingId == state.Id && state.Status == BindingStatus.InReview && e.Region == state.Region,
        RemoveFromReviewQueue e => e.BindingId == state.Id && state.Status != BindingStatus.InReview && e.Region == state.Region,
        Notify e => e.BindingId == state.Id && (e.RecipientId == state.AuthorizerId || e.RecipientId == state.MemberId || e.RecipientId == Reviewers(state.Region)),
        _ => false,
    };

    // What a request waiting at a step needs: a timer for its due time, and the member told when the face check is theirs.
    private static IEnumerable<BindingEffect> Waiting(BindingState after, BindingStatus next, DateTimeOffset? dueAt)
    {
        if (dueAt is { } due)
        {
            yield return new ScheduleTimer(after.Id, due);
        }

        if (next == BindingStatus.AwaitingFaceCheck)
        {
            yield return new Notify(after.Id, after.MemberId, Templates.FaceCheckDue);
        }
    }

    // Removing what is not queued does nothing, so every way out of review can ask for it.
    private static RemoveFromReviewQueue Dequeue(BindingState s) => new(s.Id, s.Region, s.SubmittedAt ?? s.RequestedAt);

    private static ReleaseOpenRequest Release(BindingState s) => new(s.Id, s.AuthorizerId, s.MemberId, s.Kind);
}
