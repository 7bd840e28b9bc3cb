using System.Collections.Frozen;

namespace FamilyAid.Domain.Tests.Bindings;

public class TimerTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    [Fact]
    public void A_request_left_awaiting_documents_expires()
    {
        // Given a request awaiting documents, due seven days after it was opened
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now).WithAllDocumentsBut(DocumentType.HukouMember, Now);
        Assert.Equal(Now.AddDays(7), state.DueAt);

        // When its timer fires at that time
        var decision = Given.Decider.Decide(state, new FireTimer(Now.AddDays(7)), Now.AddDays(7));

        // Then it expires at the documents step
        var expired = Assert.IsType<BindingExpired>(Assert.Single(decision.Events));
        Assert.Equal(new BindingExpired(Now.AddDays(7), BindingStatus.AwaitingDocuments), expired);
        Assert.Equal("expired", expired.Name);
        var after = BindingDecider.Evolve(state, expired);
        Assert.Equal(BindingStatus.Expired, after.Status);
        Assert.Null(after.DueAt);
        Assert.True(after.Status.IsFinal());
    }

    [Fact]
    public void A_timer_delivered_late_still_expires_the_request()
    {
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now);
        var late = Now.AddDays(7).AddMinutes(3);

        var decision = Given.Decider.Decide(state, new FireTimer(Now.AddDays(7)), late);

        Assert.Equal([new BindingExpired(late, BindingStatus.AwaitingDocuments)], decision.Events);
    }

    [Fact]
    public void A_review_past_its_SLA_is_escalated_until_ten_working_days_after_submission()
    {
        // Given a request submitted on Monday 1 June 10:00, its review due on Tuesday 10:00
        var state = Given.InReview(Now);
        var slaDue = China.At(2026, 6, 2, 10, 0);
        Assert.Equal(slaDue, state.DueAt);

        // When the review timer fires undecided
        var decision = Given.Decider.Decide(state, new FireTimer(slaDue), slaDue);

        // Then the review is escalated and will expire ten working days after submission (Monday 15 June 10:00)
        var expiresAt = China.At(2026, 6, 15, 10, 0);
        Assert.Equal(10, BindingTimeouts.Default.ReviewExpiryWorkingDays);
        var escalated = Assert.IsType<ReviewEscalated>(Assert.Single(decision.Events));
        Assert.Equal(new ReviewEscalated(slaDue, expiresAt), escalated);
        Assert.Equal("review-escalated", escalated.Name);
        var after = BindingDecider.Evolve(state, escalated);
        Assert.Equal(BindingStatus.InReview, after.Status);
        Assert.True(after.Escalated);
        Assert.Equal(expiresAt, after.DueAt);
    }

    [Fact]
    public void An_escalated_review_expires_at_its_expiry_time()
    {
        // Given an escalated review
        var state = Given.EscalatedReview(Now);
        var expiresAt = state.DueAt!.Value;

        // When the expiry timer fires undecided
        var decision = Given.Decider.Decide(state, new FireTimer(expiresAt), expiresAt);

        // Then it expires at the review step
        Assert.Equal([new BindingExpired(expiresAt, BindingStatus.InReview)], decision.Events);
        var after = BindingDecider.Evolve(state, decision.Events[0]);
        Assert.Equal(BindingStatus.Expired, after.Status);
        Assert.Null(after.DueAt);
        Assert.True(after.Escalated);
    }

    [Fact]
    public void The_review_expiry_skips_holidays_and_comes_from_configuration()
    {
        // Given a decider with a 3-working-day expiry and 1–8 October 2025 off
        var calendar = new WorkingCalendar(
            Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d)).ToFrozenSet(), FrozenSet<DateOnly>.Empty);
        var decider = new BindingDecider(BindingTimeouts.Default with { ReviewExpiryWorkingDays = 3 }, calendar);
        var submittedAt = China.At(2025, 9, 29, 10, 0);
        var complete = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), submittedAt).WithAllDocuments(submittedAt);
        var state = decider.Decide(complete, Given.Submit(), submittedAt).Events.Aggregate(complete, BindingDecider.Evolve);
        var slaDue = state.DueAt!.Value;

        // When the SLA timer fires
        var escalated = Assert.IsType<ReviewEscalated>(Assert.Single(decider.Decide(state, new FireTimer(slaDue), slaDue).Events));

        // Then it expires three working days after submission: 30 Sep, 9 Oct, 10 Oct (Saturday 11 Oct is not a working day here)
        Assert.Equal(China.At(2025, 9, 30, 10, 0), slaDue);
        Assert.Equal(China.At(2025, 10, 10, 10, 0), escalated.ExpiresAt);
    }

    [Fact]
    public void The_review_SLA_timer_is_stale_once_escalated()
    {
        // Given an escalated review
        var slaDue = China.At(2026, 6, 2, 10, 0);
        var state = Given.EscalatedReview(Now);

        // When the SLA timer is delivered a second time
        var decision = Given.Decider.Decide(state, new FireTimer(slaDue), slaDue.AddMinutes(1));

        // Then nothing happens (and it is not escalated twice)
        Assert.False(decision.IsRefused);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("guangdong")] // after the agency review
    [InlineData("gansu")] // no review
    public void A_face_check_not_done_in_time_expires_the_request(string region)
    {
        // Given a request waiting for the face check
        var state = region == "gansu" ? Given.AwaitingFaceCheckInGansu(Now) : Given.AwaitingFaceCheck(Now);
        var due = state.DueAt!.Value;

        // When the face-check timer fires
        var decision = Given.Decider.Decide(state, new FireTimer(due), due);

        // Then it expires at the face-check step
        Assert.Equal([new BindingExpired(due, BindingStatus.AwaitingFaceCheck)], decision.Events);
        Assert.Equal(BindingStatus.Expired, BindingDecider.Evolve(state, decision.Events[0]).Status);
    }

    [Fact]
    public void A_face_check_that_failed_and_was_not_retried_in_time_expires()
    {
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", Now.AddDays(1)).FaceCheckResult("session-1", passed: false, Now.AddDays(1));
        var due = state.DueAt!.Value;

        var after = state.TimerFired();

        Assert.Equal(BindingStatus.Expired, after.Status);
        Assert.Equal(1, after.FaceCheckFailures);
        Assert.Equal(Now.AddHours(1).AddDays(3), due);
    }

    [Fact]
    public void The_documents_timer_is_stale_after_submission()
    {
        // Given a request submitted before its documents deadline
        var state = Given.InReview(Now);

        // When the documents timer (seven days after the request) fires
        var decision = Given.Decider.Decide(state, new FireTimer(Now.AddDays(7)), Now.AddDays(7));

        // Then it is ignored: no events, not refused
        Assert.False(decision.IsRefused);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void The_review_timer_is_stale_after_the_review_was_approved()
    {
        var state = Given.AwaitingFaceCheck(Now);
        var slaDue = China.At(2026, 6, 2, 10, 0);

        var decision = Given.Decider.Decide(state, new FireTimer(slaDue), slaDue);

        Assert.False(decision.IsRefused);
        Assert.Empty(decision.Events);
    }

    public static TheoryData<string> FinalStates() => ["approved", "rejected", "cancelled", "expired"];

    [Theory]
    [MemberData(nameof(FinalStates))]
    public void A_timer_on_a_final_request_is_ignored(string final)
    {
        // Given a request that became final before its timer was due
        var open = Given.AwaitingFaceCheck(Now);
        var due = open.DueAt!.Value;
        var state = final switch
        {
            "approved" => open.Reviewed(ReviewDecision.VerifyOffline, Now.AddDays(1)).Activated(Now.AddDays(1)),
            "rejected" => Given.InReview(Now).Reviewed(ReviewDecision.Reject, Now.AddHours(1), "no"),
            "cancelled" => open.Cancelled(Now.AddDays(1)),
            _ => open.TimerFired(),
        };
        Assert.True(state.Status.IsFinal());
        Assert.Null(state.DueAt);

        // When the timer fires (again)
        var decision = Given.Decider.Decide(state, new FireTimer(due), due.AddMinutes(1));

        // Then nothing happens and nothing is refused
        Assert.False(decision.IsRefused);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_timer_fired_before_its_due_time_is_ignored()
    {
        // Given a request awaiting documents, due in seven days
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now);

        // When its timer is delivered a second early
        var decision = Given.Decider.Decide(state, new FireTimer(Now.AddDays(7)), Now.AddDays(7).AddSeconds(-1));

        // Then nothing happens yet
        Assert.False(decision.IsRefused);
        Assert.Empty(decision.Events);
        Assert.Equal(BindingStatus.AwaitingDocuments, state.Status);
    }

    [Fact]
    public void A_timer_for_another_due_time_is_ignored()
    {
        var state = Given.AwaitingFaceCheck(Now);
        var wrong = state.DueAt!.Value.AddMinutes(-5);

        var decision = Given.Decider.Decide(state, new FireTimer(wrong), state.DueAt!.Value);

        Assert.False(decision.IsRefused);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void The_due_time_matches_as_an_instant_whatever_its_offset()
    {
        // Given a request due at 10:00 in China seven days on
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now);

        // When the timer is delivered with the same instant written in UTC (as storage gives it back)
        var dueUtc = Now.AddDays(7).ToUniversalTime();
        var decision = Given.Decider.Decide(state, new FireTimer(dueUtc), dueUtc);

        // Then it is the request's timer
        Assert.Equal(["expired"], decision.Events.Select(e => e.Name));
    }
}
