namespace FamilyAid.Domain.Tests.Bindings;

public class DecideReviewTests
{
    private static readonly DateTimeOffset Now = Given.Now;
    private static readonly DateTimeOffset ReviewAt = Now.AddHours(3);
    private static readonly DateOnly Under16 = new(2015, 1, 1);

    [Fact]
    public void Approving_a_member_who_needs_a_face_check_awaits_it_for_three_days()
    {
        // Given a guangdong request in review for a member of 16
        var state = Given.InReview(Now);
        Assert.True(state.FaceCheckRequired);

        // When the reviewer approves the documents
        var decision = Given.Decider.Decide(state, new DecideReview(Given.ReviewerId, ReviewDecision.Approve, "documents in order"), ReviewAt);

        // Then it moves on to the member's face check, due three days later
        var approved = Assert.IsType<ReviewApproved>(Assert.Single(decision.Events));
        Assert.Equal(
            new ReviewApproved(ReviewAt, Given.ReviewerId, "documents in order", BindingStatus.AwaitingFaceCheck, ReviewAt.AddDays(3)),
            approved);
        Assert.Equal("review-approved", approved.Name);
        var after = BindingDecider.Evolve(state, approved);
        Assert.Equal(BindingStatus.AwaitingFaceCheck, after.Status);
        Assert.Equal(ReviewAt.AddDays(3), after.DueAt);
        Assert.NotEqual(BindingStatus.InReview, after.Status);
        Assert.Null(after.FaceCheckSession);
    }

    [Fact]
    public void The_face_check_due_time_after_a_review_comes_from_configuration()
    {
        var decider = new BindingDecider(BindingTimeouts.Default with { FaceCheck = TimeSpan.FromHours(36) }, WorkingCalendar.WeekendsOnly);
        var state = Given.InReview(Now);

        var approved = (ReviewApproved)decider.Decide(state, new DecideReview(Given.ReviewerId, ReviewDecision.Approve, ""), ReviewAt).Events[0];

        Assert.Equal(ReviewAt.AddHours(36), approved.DueAt);
    }

    [Fact]
    public void Approving_a_member_under_16_approves_the_binding()
    {
        // Given a guangdong request in review for a child under 16 (no face check)
        var state = Given.InReview(Now, RequestBuilder.Sharing(RegionPolicy.Guangdong).WithMemberBornOn(Under16));
        Assert.False(state.FaceCheckRequired);

        // When the reviewer approves
        var decision = Given.Decider.Decide(state, new DecideReview(Given.ReviewerId, ReviewDecision.Approve, "ok"), ReviewAt);

        // Then the review and the binding are approved at once
        Assert.Equal(
            [
                new ReviewApproved(ReviewAt, Given.ReviewerId, "ok", BindingStatus.Activating, null),
                new ActivationStarted(ReviewAt),
            ],
            decision.Events);
        var after = decision.Events.Aggregate(state, BindingDecider.Evolve);
        Assert.Equal(BindingStatus.Activating, after.Status);
        Assert.Null(after.DueAt);
        Assert.False(after.VerifiedOffline);
    }

    [Fact]
    public void A_member_who_turns_16_between_submission_and_review_is_approved_without_the_face_check()
    {
        // Given a request submitted on Friday 8 May, two days before the member turns 16
        var submittedAt = China.At(2026, 5, 8, 10, 0);
        var state = Given.InReview(submittedAt);
        Assert.False(state.FaceCheckRequired);

        // When the reviewer approves on Monday 11 May (the member is 16 now)
        var decision = Given.Decider.Decide(state, new DecideReview(Given.ReviewerId, ReviewDecision.Approve, "ok"), China.At(2026, 5, 11, 9, 0));

        // Then the age at submission counts: approved directly
        Assert.Equal(["review-approved", "activation-started"], decision.Events.Select(e => e.Name));
    }

    [Fact]
    public void A_rejection_keeps_the_reason()
    {
        // Given a request in review
        var state = Given.InReview(Now);

        // When the reviewer rejects it
        var decision = Given.Decider.Decide(state, new DecideReview(Given.ReviewerId, ReviewDecision.Reject, "户口本 member page unreadable"), ReviewAt);

        // Then it is rejected by that reviewer (their id, for whoever decides second), with the reason the applicant sees
        var rejected = Assert.IsType<BindingRejected>(Assert.Single(decision.Events));
        Assert.Equal(new BindingRejected(ReviewAt, Given.ReviewerId, "户口本 member page unreadable"), rejected);
        Assert.Equal("rejected", rejected.Name);
        var after = BindingDecider.Evolve(state, rejected);
        Assert.Equal(BindingStatus.Rejected, after.Status);
        Assert.Equal("户口本 member page unreadable", after.Reason);
        Assert.Null(after.DueAt);
        Assert.True(after.Status.IsFinal());
    }

    [Fact]
    public void Verifying_offline_in_review_approves_the_binding()
    {
        // Given a request in review for a member who needs a face check
        var state = Given.InReview(Now);

        // When the reviewer records a face verification done at the counter
        var decision = Given.Decider.Decide(state, new DecideReview(Given.ReviewerId, ReviewDecision.VerifyOffline, "verified at the Tianhe counter"), ReviewAt);

        // Then the review passes, the offline verification is recorded, and the binding is approved
        Assert.Equal(
            [
                new ReviewApproved(ReviewAt, Given.ReviewerId, "verified at the Tianhe counter", BindingStatus.Activating, null),
                new VerifiedOffline(ReviewAt, Given.ReviewerId, "verified at the Tianhe counter"),
                new ActivationStarted(ReviewAt),
            ],
            decision.Events);
        Assert.Equal("verified-offline", decision.Events[1].Name);
        var after = decision.Events.Aggregate(state, BindingDecider.Evolve);
        Assert.Equal(BindingStatus.Activating, after.Status);
        Assert.True(after.VerifiedOffline);
        Assert.Equal("verified at the Tianhe counter", after.Reason);
        Assert.Null(after.DueAt);
    }

    [Fact]
    public void Verifying_offline_while_the_face_check_is_awaited_after_a_review_approves()
    {
        // Given a request approved by the reviewer and waiting for the member's face check
        var state = Given.AwaitingFaceCheck(Now);
        var at = Now.AddDays(1);

        // When a reviewer records an offline verification
        var decision = Given.Decider.Decide(state, new DecideReview(Given.ReviewerId, ReviewDecision.VerifyOffline, "member has no phone"), at);

        // Then it is approved without the in-app check
        Assert.Equal(
            [new VerifiedOffline(at, Given.ReviewerId, "member has no phone"), new ActivationStarted(at)],
            decision.Events);
        var after = decision.Events.Aggregate(state, BindingDecider.Evolve);
        Assert.Equal(BindingStatus.Activating, after.Status);
        Assert.True(after.VerifiedOffline);
        Assert.Equal("member has no phone", after.Reason);
        Assert.Null(after.DueAt);
    }

    [Fact]
    public void Verifying_offline_in_gansu_where_there_is_no_review_approves()
    {
        // Given a gansu request waiting for the face check (no agency review)
        var state = Given.AwaitingFaceCheckInGansu(Now);
        var at = Now.AddDays(2);

        // When a reviewer records an offline verification
        var decision = Given.Decider.Decide(state, new DecideReview(Given.ReviewerId, ReviewDecision.VerifyOffline, "verified at the Lanzhou counter"), at);

        // Then it is approved
        Assert.Equal(["verified-offline", "activation-started"], decision.Events.Select(e => e.Name));
        var after = decision.Events.Aggregate(state, BindingDecider.Evolve);
        Assert.Equal(BindingStatus.Activating, after.Status);
        Assert.True(after.VerifiedOffline);
    }

    [Fact]
    public void Verifying_offline_during_an_open_face_check_session_closes_it()
    {
        // Given a member who started an in-app face check
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", Now.AddDays(1));

        // When a reviewer verifies offline, and then the provider's result for the session arrives
        var after = state.Reviewed(ReviewDecision.VerifyOffline, Now.AddDays(1).AddHours(1), "counter");
        var late = Given.Decider.Decide(after, new RecordFaceCheckResult("session-1", false, 0.2), Now.AddDays(1).AddHours(2));

        // Then the binding is approved and the late result is refused
        Assert.Equal(BindingStatus.Activating, after.Status);
        Assert.Null(after.FaceCheckSession);
        Assert.Equal(BindingRefusal.UnknownFaceCheckSession, late.Refusal);
    }

    [Theory]
    [InlineData(ReviewDecision.Approve)]
    [InlineData(ReviewDecision.Reject)]
    [InlineData(ReviewDecision.VerifyOffline)]
    public void An_escalated_review_may_still_be_decided(ReviewDecision review)
    {
        var state = Given.EscalatedReview(Now);
        Assert.True(state.Escalated);

        var decision = Given.Decider.Decide(state, new DecideReview(Given.ReviewerId, review, "late"), state.DueAt!.Value.AddDays(-1));

        Assert.False(decision.IsRefused);
        Assert.NotEqual(BindingStatus.InReview, decision.Events.Aggregate(state, BindingDecider.Evolve).Status);
    }

    public static TheoryData<string, ReviewDecision> NotInReview()
    {
        var data = new TheoryData<string, ReviewDecision>();
        foreach (var state in new[] { "awaiting-documents", "approved", "rejected", "cancelled", "expired" })
        {
            foreach (var review in Enum.GetValues<ReviewDecision>())
            {
                data.Add(state, review);
            }
        }

        // Awaiting the face check, only verify-offline is allowed.
        data.Add("awaiting-face-check", ReviewDecision.Approve);
        data.Add("awaiting-face-check", ReviewDecision.Reject);
        data.Add("gansu-awaiting-face-check", ReviewDecision.Approve);
        data.Add("gansu-awaiting-face-check", ReviewDecision.Reject);
        return data;
    }

    [Theory]
    [MemberData(nameof(NotInReview))]
    public void A_decision_outside_review_is_refused(string stateName, ReviewDecision review)
    {
        // Given a request that is not in review
        var state = StateNamed(stateName);
        Assert.NotEqual(BindingStatus.InReview, state.Status);

        // When a reviewer decides
        var decision = Given.Decider.Decide(state, new DecideReview(Given.ReviewerId, review, "why"), Now.AddDays(30));

        // Then it is refused and nothing is appended
        Assert.Equal(BindingRefusal.NotInReview, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_second_decision_is_refused()
    {
        var state = Given.InReview(Now).Reviewed(ReviewDecision.Approve, ReviewAt);

        var again = Given.Decider.Decide(state, new DecideReview("reviewer-gd-2", ReviewDecision.Reject, "changed my mind"), ReviewAt.AddMinutes(1));

        Assert.Equal(BindingRefusal.NotInReview, again.Refusal);
    }

    private static BindingState StateNamed(string name) => name switch
    {
        "awaiting-documents" => Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now).WithAllDocuments(Now),
        "awaiting-face-check" => Given.AwaitingFaceCheck(Now),
        "gansu-awaiting-face-check" => Given.AwaitingFaceCheckInGansu(Now),
        "approved" => Given.InReview(Now).Reviewed(ReviewDecision.VerifyOffline, ReviewAt).Activated(ReviewAt),
        "rejected" => Given.InReview(Now).Reviewed(ReviewDecision.Reject, ReviewAt, "no"),
        "cancelled" => Given.InReview(Now).Cancelled(ReviewAt),
        "expired" => Given.EscalatedReview(Now).TimerFired(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
