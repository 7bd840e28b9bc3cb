namespace FamilyAid.Domain.Tests.Bindings;

public sealed class BindingReactionsTests
{
    private const string Id = "binding-1";
    private const string Authorizer = TestPeople.AuthorizerId;
    private const string Member = TestPeople.MemberId;
    private static readonly DateTimeOffset Now = Given.Now;

    [Fact]
    public void A_new_request_schedules_its_documents_timer()
    {
        // Given nothing yet
        // When a request is opened
        var effects = EffectsOf(null, RequestBuilder.Sharing(RegionPolicy.Guangdong).Build(), Now);

        // Then its expiry is scheduled, seven days on
        Assert.Equal([new ScheduleTimer(Id, Now.AddDays(7))], effects);
    }

    [Fact]
    public void A_document_asks_for_nothing()
    {
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now);

        var effects = EffectsOf(state, new RecordDocument(DocumentType.HukouHome, Given.Document(DocumentType.HukouHome, Now)), Now);

        Assert.Empty(effects);
    }

    [Fact]
    public void A_submission_to_review_queues_it_and_schedules_the_SLA_timer()
    {
        // Given a complete guangdong request
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now).WithAllDocuments(Now);
        var slaDue = China.At(2026, 6, 2, 10, 0);

        // When it is submitted
        var effects = EffectsOf(state, Given.Submit(), Now);

        // Then it joins the region's review queue and its SLA timer is set
        Assert.Equal(
            [
                new AddToReviewQueue(Id, "guangdong", BindingKind.Sharing, Relation.Child, Now, slaDue),
                new ScheduleTimer(Id, slaDue),
            ],
            effects);
    }

    [Fact]
    public void A_submission_to_the_face_check_schedules_its_timer_and_tells_the_member()
    {
        // Given a gansu request for an adult (no review)
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed(), Now);

        // When it is submitted
        var effects = EffectsOf(state, Given.Submit(), Now);

        // Then the face-check timeout is set and the member is told the check is theirs to do
        Assert.Equal(
            [
                new ScheduleTimer(Id, Now.AddDays(3)),
                new Notify(Id, Member, BindingReactions.Templates.FaceCheckDue),
            ],
            effects);
    }

    [Fact]
    public void A_gansu_child_submission_joins_the_review_queue_and_activates_nothing()
    {
        // Given a gansu request for a child under 16, with the 户口本 pages
        var state = Given.Requested(
            RequestBuilder.Sharing(RegionPolicy.Gansu).WithMemberBornOn(new DateOnly(2018, 1, 1)).WithCommitmentConfirmed(), Now)
            .WithAllDocuments(Now);
        var slaDue = China.At(2026, 6, 2, 10, 0);

        // When it is submitted
        var effects = EffectsOf(state, Given.Submit(new DateOnly(2018, 1, 1)), Now);

        // Then it waits in gansu's review queue: no relationship is activated before a reviewer approves
        Assert.Equal(
            [
                new AddToReviewQueue(Id, "gansu", BindingKind.Sharing, Relation.Child, Now, slaDue),
                new ScheduleTimer(Id, slaDue),
            ],
            effects);
    }

    [Fact]
    public void A_review_approval_dequeues_and_waits_for_the_face_check()
    {
        // Given a request in review
        var state = Given.InReview(Now);
        var at = Now.AddHours(2);

        // When the reviewer approves
        var byEvent = EffectsByEvent(state, new DecideReview(Given.ReviewerId, ReviewDecision.Approve, "ok"), at);

        // Then it leaves the queue, the face-check timeout is set and the member is told
        Assert.Equal(["review-approved"], byEvent.Select(x => x.Event));
        Assert.Equal(
            [
                new RemoveFromReviewQueue(Id, "guangdong", Now),
                new ScheduleTimer(Id, at.AddDays(3)),
                new Notify(Id, Member, BindingReactions.Templates.FaceCheckDue),
            ],
            byEvent[0].Effects);
    }

    [Fact]
    public void A_review_approval_without_a_face_check_dequeues_and_approves()
    {
        var state = Given.InReview(Now, RequestBuilder.Sharing(RegionPolicy.Guangdong).WithMemberBornOn(new DateOnly(2015, 1, 1)));
        var at = Now.AddHours(2);

        var byEvent = EffectsByEvent(state, new DecideReview(Given.ReviewerId, ReviewDecision.Approve, "ok"), at);

        Assert.Equal(["review-approved", "activation-started"], byEvent.Select(x => x.Event));
        Assert.Equal([new RemoveFromReviewQueue(Id, "guangdong", Now)], byEvent[0].Effects);
        Assert.Equal(Activate("guangdong", at), byEvent[1].Effects);
    }

    [Fact]
    public void An_offline_verification_in_review_dequeues_and_approves()
    {
        var state = Given.InReview(Now);
        var at = Now.AddHours(2);

        var byEvent = EffectsByEvent(state, new DecideReview(Given.ReviewerId, ReviewDecision.VerifyOffline, "counter"), at);

        Assert.Equal(["review-approved", "verified-offline", "activation-started"], byEvent.Select(x => x.Event));
        Assert.Equal([new RemoveFromReviewQueue(Id, "guangdong", Now)], byEvent[0].Effects);
        Assert.Empty(byEvent[1].Effects);
        Assert.Equal(Activate("guangdong", at), byEvent[2].Effects);
    }

    [Fact]
    public void An_offline_verification_at_the_face_check_approves()
    {
        var state = Given.AwaitingFaceCheckInGansu(Now);
        var at = Now.AddDays(1);

        var byEvent = EffectsByEvent(state, new DecideReview(Given.ReviewerId, ReviewDecision.VerifyOffline, "counter"), at);

        Assert.Equal(["verified-offline", "activation-started"], byEvent.Select(x => x.Event));
        Assert.Empty(byEvent[0].Effects);
        Assert.Equal(Activate("gansu", at), byEvent[1].Effects);
    }

    [Fact]
    public void An_approval_effect_carries_everything_it_needs()
    {
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", Now.AddDays(1));
        var at = Now.AddDays(1).AddMinutes(1);

        var byEvent = EffectsByEvent(state, new RecordFaceCheckResult("session-1", true, 0.97), at);

        Assert.Equal(["face-check-passed", "activation-started"], byEvent.Select(x => x.Event));
        Assert.Empty(byEvent[0].Effects);
        Assert.Equal([new ActivateRelationship(Id, Authorizer, Member, BindingKind.Sharing, Relation.Child, "guangdong", at)], byEvent[1].Effects);

        // And once the relationship is active, the approval frees the member's open-request slot and tells both people
        var activating = Given.Decider.Decide(state, new RecordFaceCheckResult("session-1", true, 0.97), at).Events.Aggregate(state, BindingDecider.Evolve);
        var activated = EffectsByEvent(activating, new RecordActivation(ActivationOutcome.Activated), at.AddSeconds(1));
        Assert.Equal(["approved"], activated.Select(x => x.Event));
        Assert.Equal(
            [
                new ReleaseOpenRequest(Id, Authorizer, Member, BindingKind.Sharing),
                new Notify(Id, Authorizer, BindingReactions.Templates.Approved),
                new Notify(Id, Member, BindingReactions.Templates.Approved),
            ],
            activated[0].Effects);
    }

    [Fact]
    public void A_proxy_approval_activates_a_proxy_relationship()
    {
        var state = Given.Requested(RequestBuilder.Proxy(RegionPolicy.National).For(Relation.Parent), Now).Submitted(Now);

        var effects = EffectsOf(state, new DecideReview(Given.ReviewerId, ReviewDecision.VerifyOffline, "counter"), Now);

        Assert.Contains(new ActivateRelationship(Id, Authorizer, Member, BindingKind.Proxy, Relation.Parent, "national", Now), effects);
        Assert.DoesNotContain(effects, e => e is ReleaseOpenRequest);
    }

    [Fact]
    public void A_request_that_lost_the_members_place_is_rejected_dequeued_released_and_both_are_told()
    {
        // Given an approved request being activated
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", Now.AddDays(1)).FaceCheckResult("session-1", passed: true, Now.AddDays(1));
        Assert.Equal(BindingStatus.Activating, state.Status);

        // When the activation finds the member's place taken by another group
        var byEvent = EffectsByEvent(state, new RecordActivation(ActivationOutcome.AlreadyInGroup), Now.AddDays(1));

        // Then the timeline says why, the request is rejected, and both people are told
        Assert.Equal(["already-in-group", "rejected"], byEvent.Select(x => x.Event));
        Assert.Empty(byEvent[0].Effects);
        Assert.Equal(RejectedInGuangdong(), byEvent[1].Effects);
    }

    [Fact]
    public void A_rejection_dequeues_releases_and_tells_both()
    {
        var state = Given.InReview(Now);

        var effects = EffectsOf(state, new DecideReview(Given.ReviewerId, ReviewDecision.Reject, "no"), Now.AddHours(2));

        Assert.Equal(
            [
                new RemoveFromReviewQueue(Id, "guangdong", Now),
                new ReleaseOpenRequest(Id, Authorizer, Member, BindingKind.Sharing),
                new Notify(Id, Authorizer, BindingReactions.Templates.Rejected),
                new Notify(Id, Member, BindingReactions.Templates.Rejected),
            ],
            effects);
    }

    [Theory]
    [InlineData("awaiting-documents")]
    [InlineData("in-review")]
    [InlineData("awaiting-face-check")]
    public void A_cancellation_dequeues_releases_and_tells_the_member(string step)
    {
        // Given an open request
        var state = step switch
        {
            "awaiting-documents" => Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now),
            "in-review" => Given.InReview(Now),
            _ => Given.AwaitingFaceCheck(Now),
        };

        // When the authorizer cancels it
        var effects = EffectsOf(state, new CancelBinding(), Now.AddHours(2));

        // Then it leaves any queue it is in (keyed by its submission time, or its request time before submission),
        // frees the open request, and tells the member
        Assert.Equal(
            [
                new RemoveFromReviewQueue(Id, "guangdong", state.SubmittedAt ?? Now),
                new ReleaseOpenRequest(Id, Authorizer, Member, BindingKind.Sharing),
                new Notify(Id, Member, BindingReactions.Templates.Cancelled),
            ],
            effects);
    }

    [Theory]
    [InlineData("awaiting-documents")]
    [InlineData("in-review-escalated")]
    [InlineData("awaiting-face-check")]
    public void An_expiry_dequeues_releases_and_tells_the_authorizer(string step)
    {
        var state = step switch
        {
            "awaiting-documents" => Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now),
            "in-review-escalated" => Given.EscalatedReview(Now),
            _ => Given.AwaitingFaceCheck(Now),
        };
        var due = state.DueAt!.Value;

        var byEvent = EffectsByEvent(state, new FireTimer(due), due);

        Assert.Equal(["expired"], byEvent.Select(x => x.Event));
        Assert.Equal(
            [
                new RemoveFromReviewQueue(Id, "guangdong", state.SubmittedAt ?? Now),
                new ReleaseOpenRequest(Id, Authorizer, Member, BindingKind.Sharing),
                new Notify(Id, Authorizer, BindingReactions.Templates.Expired),
            ],
            byEvent[0].Effects);
    }

    [Fact]
    public void An_escalation_tells_the_reviewers_and_the_authorizer_schedules_the_expiry_and_marks_the_queue_row()
    {
        // Given a review past its SLA
        var state = Given.InReview(Now);
        var slaDue = state.DueAt!.Value;

        // When its timer fires
        var effects = EffectsOf(state, new FireTimer(slaDue), slaDue);

        // Then the region's reviewers are told it is overdue, the authorizer that it is delayed, the expiry is scheduled, and its
        // queue row is marked escalated (the console lists those first)
        var expiresAt = China.At(2026, 6, 15, 10, 0);
        Assert.Equal(
            [
                new Notify(Id, "reviewers-guangdong", BindingReactions.Templates.ReviewOverdue),
                new Notify(Id, Authorizer, BindingReactions.Templates.ReviewDelayed),
                new ScheduleTimer(Id, expiresAt),
                new MarkEscalatedInReviewQueue(Id, "guangdong", state.SubmittedAt!.Value, expiresAt),
            ],
            effects);
        Assert.Equal("reviewers-guangdong", BindingReactions.Reviewers("guangdong"));
    }

    [Fact]
    public void Starting_and_passing_a_face_check_ask_for_nothing_by_themselves()
    {
        var state = Given.AwaitingFaceCheck(Now);

        Assert.Empty(EffectsOf(state, new StartFaceCheck("session-1", Now.AddDays(1)), Now.AddDays(1)));
        Assert.Empty(BindingReactions.To(new FaceCheckPassed(Now, "session-1", 0.9), state));
    }

    [Fact]
    public void A_failed_face_check_with_retries_left_tells_the_member()
    {
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", Now.AddDays(1));

        var effects = EffectsOf(state, new RecordFaceCheckResult("session-1", false, 0.3), Now.AddDays(1));

        Assert.Equal([new Notify(Id, Member, BindingReactions.Templates.FaceCheckFailed)], effects);
    }

    [Fact]
    public void The_last_failed_face_check_asks_for_nothing_itself_and_the_rejection_does_the_rest()
    {
        // Given three failed face checks and a fourth session open
        var state = Given.AwaitingFaceCheck(Now);
        for (var attempt = 1; attempt <= BindingDecider.FaceCheckRetries; attempt++)
        {
            state = state.FaceCheckStarted($"session-{attempt}", Now.AddDays(1)).FaceCheckResult($"session-{attempt}", passed: false, Now.AddDays(1));
        }

        state = state.FaceCheckStarted("session-4", Now.AddDays(1));

        // When it fails too
        var byEvent = EffectsByEvent(state, new RecordFaceCheckResult("session-4", false, 0.3), Now.AddDays(1));

        // Then the failure itself asks for nothing; the rejection dequeues, releases and tells both
        Assert.Equal(["face-check-failed", "rejected"], byEvent.Select(x => x.Event));
        Assert.Empty(byEvent[0].Effects);
        Assert.Equal(RejectedInGuangdong(), byEvent[1].Effects);
    }

    [Fact]
    public void An_effect_failure_asks_for_nothing()
    {
        var state = Given.AwaitingFaceCheck(Now);

        Assert.Empty(EffectsOf(state, new RecordEffectFailure("notify", "o-0000000002-000", "sms gateway answered 503"), Now.AddDays(1)));
    }

    [Fact]
    public void A_stale_timer_asks_for_nothing()
    {
        var state = Given.InReview(Now);

        Assert.Empty(EffectsOf(state, new FireTimer(Now.AddDays(7)), Now.AddDays(7)));
    }

    [Fact]
    public void Effect_names_are_stable()
    {
        var at = Now;
        Assert.Equal("activate-relationship", new ActivateRelationship(Id, Authorizer, Member, BindingKind.Sharing, Relation.Child, "guangdong", at).Name);
        Assert.Equal("release-open-request", new ReleaseOpenRequest(Id, Authorizer, Member, BindingKind.Sharing).Name);
        Assert.Equal("schedule-timer", new ScheduleTimer(Id, at).Name);
        Assert.Equal("notify", new Notify(Id, Member, "x").Name);
        Assert.Equal("add-to-review-queue", new AddToReviewQueue(Id, "guangdong", BindingKind.Sharing, Relation.Child, at, at).Name);
        Assert.Equal("remove-from-review-queue", new RemoveFromReviewQueue(Id, "guangdong", at).Name);
        Assert.Equal("mark-escalated-in-review-queue", new MarkEscalatedInReviewQueue(Id, "guangdong", at, at).Name);
    }

    private static BindingEffect[] RejectedInGuangdong() =>
    [
        new RemoveFromReviewQueue(Id, "guangdong", Now),
        new ReleaseOpenRequest(Id, Authorizer, Member, BindingKind.Sharing),
        new Notify(Id, Authorizer, BindingReactions.Templates.Rejected),
        new Notify(Id, Member, BindingReactions.Templates.Rejected),
    ];

    private static BindingEffect[] Activate(string region, DateTimeOffset at) =>
        [new ActivateRelationship(Id, Authorizer, Member, BindingKind.Sharing, Relation.Child, region, at)];

    // Decides the command (asserting it is accepted) and asks each event for its effects given the state right after it,
    // as the runner writes them to the outbox.
    private static List<(string Event, IReadOnlyList<BindingEffect> Effects)> EffectsByEvent(
        BindingState? state, BindingCommand command, DateTimeOffset at)
    {
        var decision = Given.Decider.Decide(state, command, at);
        Assert.False(decision.IsRefused, $"{command.GetType().Name} was refused with {decision.Refusal}");
        var result = new List<(string, IReadOnlyList<BindingEffect>)>();
        foreach (var @event in decision.Events)
        {
            state = BindingDecider.Evolve(state, @event);
            result.Add((@event.Name, BindingReactions.To(@event, state)));
        }

        return result;
    }

    private static List<BindingEffect> EffectsOf(BindingState? state, BindingCommand command, DateTimeOffset at) =>
        [.. EffectsByEvent(state, command, at).SelectMany(x => x.Effects)];
}
