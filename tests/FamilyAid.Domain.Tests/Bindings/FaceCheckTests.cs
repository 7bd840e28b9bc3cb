namespace FamilyAid.Domain.Tests.Bindings;

public class FaceCheckTests
{
    private static readonly DateTimeOffset Now = Given.Now;
    private static readonly DateTimeOffset CheckAt = Now.AddDays(1);

    [Theory]
    [InlineData("guangdong")] // after the agency review
    [InlineData("gansu")] // no review
    public void Starting_the_face_check_records_the_session(string region)
    {
        // Given a request waiting for the member's face check
        var state = region == "gansu" ? Given.AwaitingFaceCheckInGansu(Now) : Given.AwaitingFaceCheck(Now);
        var consentAt = CheckAt.AddSeconds(-20);

        // When the member consents and the provider opens a session
        var decision = Given.Decider.Decide(state, new StartFaceCheck("session-1", consentAt), CheckAt);

        // Then the session is recorded as the open one; nothing else changes
        var started = Assert.IsType<FaceCheckStarted>(Assert.Single(decision.Events));
        Assert.Equal(new FaceCheckStarted(CheckAt, "session-1", consentAt), started);
        Assert.Equal("face-check-started", started.Name);
        var after = BindingDecider.Evolve(state, started);
        Assert.Equal("session-1", after.FaceCheckSession);
        Assert.Equal(BindingStatus.AwaitingFaceCheck, after.Status);
        Assert.Equal(state.DueAt, after.DueAt);
    }

    [Fact]
    public void A_face_check_before_the_request_awaits_one_is_refused()
    {
        // Given a request awaiting documents, and one in review
        var awaitingDocuments = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now);
        var inReview = Given.InReview(Now);

        // When the member starts a face check
        var early = Given.Decider.Decide(awaitingDocuments, new StartFaceCheck("session-1", CheckAt), CheckAt);
        var duringReview = Given.Decider.Decide(inReview, new StartFaceCheck("session-1", CheckAt), CheckAt);

        // Then both are refused: the request is not waiting for a face check
        Assert.Equal(BindingRefusal.NotAwaitingFaceCheck, early.Refusal);
        Assert.Equal(BindingRefusal.NotAwaitingFaceCheck, duringReview.Refusal);
        Assert.Empty(early.Events);
        Assert.Empty(duringReview.Events);
    }

    public static TheoryData<string> FinalStates() => ["approved", "rejected", "cancelled", "expired"];

    [Theory]
    [MemberData(nameof(FinalStates))]
    public void A_face_check_on_a_final_request_is_refused(string final)
    {
        var state = Final(final);
        Assert.True(state.Status.IsFinal());

        var decision = Given.Decider.Decide(state, new StartFaceCheck("session-9", Now.AddDays(20)), Now.AddDays(20));

        Assert.Equal(BindingRefusal.AlreadyFinal, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_passed_face_check_approves_the_binding()
    {
        // Given a member whose face-check session is open
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", CheckAt);

        // When the provider says the face matched
        var at = CheckAt.AddMinutes(1);
        var decision = Given.Decider.Decide(state, new RecordFaceCheckResult("session-1", true, 0.97), at);

        // Then the binding is approved and no timer stays due
        Assert.Equal([new FaceCheckPassed(at, "session-1", 0.97), new ActivationStarted(at)], decision.Events);
        Assert.Equal("face-check-passed", decision.Events[0].Name);
        var after = decision.Events.Aggregate(state, BindingDecider.Evolve);
        Assert.Equal(BindingStatus.Activating, after.Status);
        Assert.Null(after.FaceCheckSession);
        Assert.Null(after.DueAt);
        Assert.False(after.VerifiedOffline);
        Assert.Equal(0, after.FaceCheckFailures);
    }

    [Fact]
    public void A_failed_face_check_leaves_three_retries_then_two_then_one()
    {
        // Given a request waiting for the face check
        var state = Given.AwaitingFaceCheckInGansu(Now);
        var dueAt = state.DueAt;

        foreach (var (attempt, retriesLeft) in new[] { (1, 3), (2, 2), (3, 1) })
        {
            // When a session is opened and the provider says it failed
            var session = $"session-{attempt}";
            var at = CheckAt.AddMinutes(attempt * 10);
            state = state.FaceCheckStarted(session, at);
            var decision = Given.Decider.Decide(state, new RecordFaceCheckResult(session, false, 0.31), at.AddMinutes(1));

            // Then the failure is recorded with the retries left; the request keeps waiting, with the same due time
            var failed = Assert.IsType<FaceCheckFailed>(Assert.Single(decision.Events));
            Assert.Equal(new FaceCheckFailed(at.AddMinutes(1), session, 0.31, retriesLeft), failed);
            Assert.Equal("face-check-failed", failed.Name);
            state = BindingDecider.Evolve(state, failed);
            Assert.Equal(BindingStatus.AwaitingFaceCheck, state.Status);
            Assert.Equal(attempt, state.FaceCheckFailures);
            Assert.Null(state.FaceCheckSession);
            Assert.Equal(dueAt, state.DueAt);
        }
    }

    [Fact]
    public void The_fourth_failure_rejects_the_request()
    {
        // Given three failed face checks
        var state = Given.AwaitingFaceCheck(Now);
        for (var attempt = 1; attempt <= BindingDecider.FaceCheckRetries; attempt++)
        {
            state = state.FaceCheckStarted($"session-{attempt}", CheckAt.AddMinutes(attempt))
                .FaceCheckResult($"session-{attempt}", passed: false, CheckAt.AddMinutes(attempt));
        }

        Assert.Equal(3, state.FaceCheckFailures);
        state = state.FaceCheckStarted("session-4", CheckAt.AddHours(1));

        // When the fourth fails too
        var at = CheckAt.AddHours(1).AddMinutes(1);
        var decision = Given.Decider.Decide(state, new RecordFaceCheckResult("session-4", false, 0.12), at);

        // Then it is recorded with no retry left, and the request is rejected by the face check
        Assert.Equal(
            [
                new FaceCheckFailed(at, "session-4", 0.12, 0),
                new BindingRejected(at, "face-check", "The face check failed 4 times."),
            ],
            decision.Events);
        var after = decision.Events.Aggregate(state, BindingDecider.Evolve);
        Assert.Equal(BindingStatus.Rejected, after.Status);
        Assert.Equal(4, after.FaceCheckFailures);
        Assert.Equal("The face check failed 4 times.", after.Reason);
        Assert.Null(after.DueAt);
        Assert.Null(after.FaceCheckSession);
    }

    [Fact]
    public void A_pass_after_failures_approves()
    {
        var state = Given.AwaitingFaceCheck(Now)
            .FaceCheckStarted("session-1", CheckAt).FaceCheckResult("session-1", passed: false, CheckAt)
            .FaceCheckStarted("session-2", CheckAt.AddMinutes(5)).FaceCheckResult("session-2", passed: false, CheckAt.AddMinutes(5))
            .FaceCheckStarted("session-3", CheckAt.AddMinutes(10));

        var decision = Given.Decider.Decide(state, new RecordFaceCheckResult("session-3", true, 0.9), CheckAt.AddMinutes(11));

        Assert.Equal(["face-check-passed", "activation-started"], decision.Events.Select(e => e.Name));
        Assert.Equal(2, decision.Events.Aggregate(state, BindingDecider.Evolve).FaceCheckFailures);
    }

    [Fact]
    public void A_new_session_may_be_started_after_a_failure()
    {
        // Given a failed face check
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", CheckAt).FaceCheckResult("session-1", passed: false, CheckAt);

        // When the member starts again
        var decision = Given.Decider.Decide(state, new StartFaceCheck("session-2", CheckAt.AddMinutes(5)), CheckAt.AddMinutes(5));

        // Then the new session is the open one
        Assert.Equal([new FaceCheckStarted(CheckAt.AddMinutes(5), "session-2", CheckAt.AddMinutes(5))], decision.Events);
        Assert.Equal("session-2", BindingDecider.Evolve(state, decision.Events[0]).FaceCheckSession);
    }

    [Fact]
    public void A_result_when_no_session_was_opened_is_refused()
    {
        var state = Given.AwaitingFaceCheck(Now);

        var decision = Given.Decider.Decide(state, new RecordFaceCheckResult("session-1", true, 0.99), CheckAt);

        Assert.Equal(BindingRefusal.UnknownFaceCheckSession, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_result_for_another_session_is_refused()
    {
        // Given an open session
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", CheckAt);

        // When a result for a session never opened arrives
        var decision = Given.Decider.Decide(state, new RecordFaceCheckResult("session-forged", true, 0.99), CheckAt.AddMinutes(1));

        // Then it is refused and the open session stays open
        Assert.Equal(BindingRefusal.UnknownFaceCheckSession, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_result_for_a_session_replaced_by_a_newer_one_is_refused()
    {
        var state = Given.AwaitingFaceCheck(Now)
            .FaceCheckStarted("session-1", CheckAt).FaceCheckResult("session-1", passed: false, CheckAt)
            .FaceCheckStarted("session-2", CheckAt.AddMinutes(5));

        var decision = Given.Decider.Decide(state, new RecordFaceCheckResult("session-1", true, 0.99), CheckAt.AddMinutes(6));

        Assert.Equal(BindingRefusal.UnknownFaceCheckSession, decision.Refusal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_repeated_callback_changes_nothing(bool passed)
    {
        // Given a session whose result was recorded
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", CheckAt).FaceCheckResult("session-1", passed, CheckAt);

        // When the provider delivers the same result again
        var decision = Given.Decider.Decide(state, new RecordFaceCheckResult("session-1", passed, passed ? 0.93 : 0.41), CheckAt.AddMinutes(1));

        // Then it is refused as a session no longer open, and appends nothing (the edge answers 200 again)
        Assert.Equal(BindingRefusal.UnknownFaceCheckSession, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_late_result_after_the_face_check_expired_is_refused()
    {
        // Given a session still open when the face-check timer expired the request
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", CheckAt).TimerFired();
        Assert.Equal(BindingStatus.Expired, state.Status);

        // When the provider's pass arrives afterwards
        var decision = Given.Decider.Decide(state, new RecordFaceCheckResult("session-1", true, 0.95), state.RequestedAt.AddDays(10));

        // Then it is refused: an expired request is not approved
        Assert.Equal(BindingRefusal.UnknownFaceCheckSession, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_late_result_after_the_request_was_cancelled_is_refused(bool passed)
    {
        // Given a session still open when the authorizer cancelled the request
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", CheckAt).Cancelled(CheckAt.AddMinutes(1));
        Assert.Equal(BindingStatus.Cancelled, state.Status);

        // When the provider's result for that session arrives
        var decision = Given.Decider.Decide(state, new RecordFaceCheckResult("session-1", passed, 0.95), CheckAt.AddMinutes(2));

        // Then it is refused: a cancelled request is neither approved nor charged a failure
        Assert.Equal(BindingRefusal.UnknownFaceCheckSession, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_cancelled_request_keeps_no_open_face_check_session()
    {
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", CheckAt).Cancelled(CheckAt.AddMinutes(1));

        Assert.Null(state.FaceCheckSession);
    }

    private static BindingState Final(string name) => name switch
    {
        "approved" => Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", CheckAt).FaceCheckResult("session-1", passed: true, CheckAt).Activated(CheckAt),
        "rejected" => Given.InReview(Now).Reviewed(ReviewDecision.Reject, Now.AddHours(1), "no"),
        "cancelled" => Given.AwaitingFaceCheck(Now).Cancelled(CheckAt),
        "expired" => Given.AwaitingFaceCheck(Now).TimerFired(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
