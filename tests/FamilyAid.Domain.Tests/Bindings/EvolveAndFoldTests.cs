namespace FamilyAid.Domain.Tests.Bindings;

public class EvolveAndFoldTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    private sealed record UnknownCommand : BindingCommand;

    private sealed record UnknownEvent(DateTimeOffset At) : BindingEvent(At)
    {
        public override string Name => "unknown";
    }

    [Fact]
    public void Folding_no_events_is_no_request()
    {
        Assert.Null(BindingDecider.Fold([]));
    }

    [Fact]
    public void Folding_a_guangdong_stream_gives_status_documents_and_due_time()
    {
        // Given the events of a guangdong request: requested, all seven documents, submitted
        var requested = China.At(2026, 6, 1, 9, 0);
        var events = new List<BindingEvent>();
        var state = Record(events, null, RequestBuilder.Sharing(RegionPolicy.Guangdong).Build(), requested);
        foreach (var type in RegionPolicy.FullDocuments)
        {
            state = Record(events, state, new RecordDocument(type, Given.Document(type, requested.AddMinutes(1))), requested.AddMinutes(1));
        }

        state = Record(events, state, Given.Submit(), requested.AddMinutes(2));

        // When the stream is folded from the start
        var folded = BindingDecider.Fold(events);

        // Then it is the state the decisions built, step by step
        Assert.NotNull(folded);
        Assert.Equal(["requested", .. Enumerable.Repeat("document-uploaded", 7), "submitted"], events.Select(e => e.Name));
        Assert.Equal(BindingStatus.InReview, folded.Status);
        Assert.Equal(RegionPolicy.FullDocuments.Order(), folded.Documents.Keys);
        Assert.Empty(folded.MissingDocuments());
        Assert.Equal(requested, folded.RequestedAt);
        Assert.Equal(requested.AddMinutes(2), folded.SubmittedAt);
        Assert.Equal(China.At(2026, 6, 2, 9, 2), folded.DueAt);
        Assert.Equal(state.Status, folded.Status);
        Assert.Equal(state.Documents, folded.Documents);
        Assert.Equal("binding-1", folded.Id);
        Assert.Equal(TestPeople.AuthorizerId, folded.AuthorizerId);
        Assert.Equal(TestPeople.MemberId, folded.MemberId);
        Assert.Equal(Relation.Child, folded.Relation);
        Assert.Equal("guangdong", folded.Region);
    }

    [Fact]
    public void Folding_a_gansu_child_stream_ends_approved()
    {
        var events = new List<BindingEvent>();
        var state = Record(
            events, null,
            RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().WithMemberBornOn(new DateOnly(2015, 1, 1)).Build(),
            Now);
        foreach (var type in state.RequiredDocuments)
        {
            state = Record(events, state, new RecordDocument(type, Given.Document(type, Now)), Now);
        }

        state = Record(events, state, Given.Submit(new DateOnly(2015, 1, 1)), Now.AddMinutes(1));
        state = Record(events, state, new DecideReview(Given.ReviewerId, ReviewDecision.Approve, "户口本 matches"), Now.AddHours(1));
        Record(events, state, new RecordActivation(ActivationOutcome.Activated), Now.AddHours(1));

        var folded = BindingDecider.Fold(events)!;

        Assert.Equal(
            ["requested", "document-uploaded", "document-uploaded", "submitted", "review-approved", "activation-started", "approved"],
            events.Select(e => e.Name));
        Assert.Equal(BindingStatus.Approved, folded.Status);
        Assert.Null(folded.DueAt);
        Assert.Equal([DocumentType.HukouHome, DocumentType.HukouMember], folded.Documents.Keys);
    }

    [Fact]
    public void Folding_a_cancelled_stream_ends_cancelled_with_the_documents_kept()
    {
        var events = new List<BindingEvent>();
        var state = Record(events, null, RequestBuilder.Sharing(RegionPolicy.National).Build(), Now);
        state = Record(events, state, new RecordDocument(DocumentType.HukouHome, Given.Document(DocumentType.HukouHome, Now)), Now);
        Record(events, state, new CancelBinding(), Now.AddDays(1));

        var folded = BindingDecider.Fold(events)!;

        Assert.Equal(BindingStatus.Cancelled, folded.Status);
        Assert.Equal([DocumentType.HukouHome], folded.Documents.Keys);
        Assert.Null(folded.DueAt);
    }

    public static TheoryData<string> Flows() =>
        ["face-check-after-failures", "face-check-rejected", "verified-offline-in-review", "verified-offline-in-gansu", "escalated-then-expired", "rejected-by-reviewer"];

    [Theory]
    [MemberData(nameof(Flows))]
    public void Folding_a_whole_flow_gives_the_state_built_one_event_at_a_time(string flow)
    {
        // Given the commands of a whole flow, each decided on the state the previous ones left
        var steps = new List<(int EventCount, BindingState State)>();
        var events = new List<BindingEvent>();
        BindingState? state = null;
        foreach (var (command, at) in FlowCommands(flow))
        {
            state = Record(events, state, command, at);
            steps.Add((events.Count, state));
        }

        // When the stream (and every prefix of it that ends a decision) is folded from the start
        // Then it is the state the decisions built, step by step
        foreach (var (count, expected) in steps)
        {
            AssertSameState(expected, BindingDecider.Fold(events.Take(count))!);
        }

        // And the evolve of each event alone gives the same too
        AssertSameState(state!, events.Aggregate((BindingState?)null, BindingDecider.Evolve)!);
    }

    [Fact]
    public void Folding_keeps_face_check_failures_escalation_and_the_session()
    {
        var events = new List<BindingEvent>();
        var state = Record(events, null, RequestBuilder.Sharing(RegionPolicy.Guangdong).Build(), Now);
        state = RecordAll(events, state, state.RequiredDocuments.Select(t => (BindingCommand)new RecordDocument(t, Given.Document(t, Now))), Now);
        state = Record(events, state, Given.Submit(), Now);
        state = Record(events, state, new FireTimer(state.DueAt!.Value), state.DueAt!.Value);
        var reviewedAt = China.At(2026, 6, 3, 9, 0);
        state = Record(events, state, new DecideReview(Given.ReviewerId, ReviewDecision.Approve, "documents in order"), reviewedAt);
        state = Record(events, state, new StartFaceCheck("session-1", reviewedAt.AddHours(1)), reviewedAt.AddHours(1));
        state = Record(events, state, new RecordFaceCheckResult("session-1", false, 0.2), reviewedAt.AddHours(1));
        Record(events, state, new StartFaceCheck("session-2", reviewedAt.AddHours(2)), reviewedAt.AddHours(2));

        var folded = BindingDecider.Fold(events)!;

        Assert.Equal(BindingStatus.AwaitingFaceCheck, folded.Status);
        Assert.True(folded.Escalated);
        Assert.Equal(1, folded.FaceCheckFailures);
        Assert.Equal("session-2", folded.FaceCheckSession);
        Assert.Equal(reviewedAt.AddDays(3), folded.DueAt);
        Assert.Null(folded.Reason); // an approval's comment stays on its event; Reason is for rejections and offline checks
        Assert.False(folded.VerifiedOffline);
        Assert.Equal(Now, folded.SubmittedAt);
    }

    [Fact]
    public void Folding_an_offline_verification_keeps_its_reason()
    {
        var events = new List<BindingEvent>();
        var state = Record(events, null, RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().Build(), Now);
        state = Record(events, state, Given.Submit(), Now);
        state = Record(events, state, new StartFaceCheck("session-1", Now.AddHours(1)), Now.AddHours(1));
        state = Record(events, state, new DecideReview(Given.ReviewerId, ReviewDecision.VerifyOffline, "verified at the Lanzhou counter"), Now.AddHours(2));
        Record(events, state, new RecordActivation(ActivationOutcome.Activated), Now.AddHours(2));

        var folded = BindingDecider.Fold(events)!;

        Assert.Equal(["requested", "submitted", "face-check-started", "verified-offline", "activation-started", "approved"], events.Select(e => e.Name));
        Assert.Equal(BindingStatus.Approved, folded.Status);
        Assert.True(folded.VerifiedOffline);
        Assert.Equal("verified at the Lanzhou counter", folded.Reason);
        Assert.Null(folded.FaceCheckSession);
        Assert.Null(folded.DueAt);
    }

    [Fact]
    public void Folding_a_rejection_by_face_check_keeps_the_count_and_the_reason()
    {
        var events = new List<BindingEvent>();
        var state = Record(events, null, RequestBuilder.Proxy(RegionPolicy.Guangdong).Build(), Now);
        state = Record(events, state, Given.Submit(), Now);
        for (var attempt = 1; attempt <= BindingDecider.FaceCheckRetries + 1; attempt++)
        {
            var at = Now.AddHours(attempt);
            state = Record(events, state, new StartFaceCheck($"session-{attempt}", at), at);
            state = Record(events, state, new RecordFaceCheckResult($"session-{attempt}", false, 0.1), at);
        }

        var folded = BindingDecider.Fold(events)!;

        Assert.Equal([3, 2, 1, 0], events.OfType<FaceCheckFailed>().Select(e => e.RetriesLeft));
        Assert.Equal(BindingStatus.Rejected, folded.Status);
        Assert.Equal(4, folded.FaceCheckFailures);
        Assert.Equal("The face check failed 4 times.", folded.Reason);
        AssertSameState(state, folded);
    }

    private static IEnumerable<(BindingCommand Command, DateTimeOffset At)> FlowCommands(string flow)
    {
        var guangdong = RequestBuilder.Sharing(RegionPolicy.Guangdong).Build();
        var gansu = RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().Build();
        var documents = RegionPolicy.FullDocuments.Select(t => ((BindingCommand)new RecordDocument(t, Given.Document(t, Now)), Now));
        var review = (BindingCommand Command, DateTimeOffset At) (ReviewDecision decision, string reason) =>
            (new DecideReview(Given.ReviewerId, decision, reason), Now.AddHours(3));
        IEnumerable<(BindingCommand, DateTimeOffset)> start = flow.Contains("gansu", StringComparison.Ordinal)
            ? [(gansu, Now), (Given.Submit(), Now)]
            : [(guangdong, Now), .. documents, (Given.Submit(), Now)];
        var slaDue = China.At(2026, 6, 2, 10, 0);
        IEnumerable<(BindingCommand, DateTimeOffset)> rest = flow switch
        {
            "face-check-after-failures" =>
            [
                (new FireTimer(slaDue), slaDue),
                (new DecideReview(Given.ReviewerId, ReviewDecision.Approve, "ok"), slaDue.AddHours(1)),
                (new StartFaceCheck("s1", slaDue.AddHours(2)), slaDue.AddHours(2)),
                (new RecordFaceCheckResult("s1", false, 0.3), slaDue.AddHours(2)),
                (new RecordEffectFailure("notify", "o-0000000002-000", "sms gateway answered 503"), slaDue.AddHours(2)),
                (new StartFaceCheck("s2", slaDue.AddHours(3)), slaDue.AddHours(3)),
                (new RecordFaceCheckResult("s2", false, 0.4), slaDue.AddHours(3)),
                (new StartFaceCheck("s3", slaDue.AddHours(4)), slaDue.AddHours(4)),
                (new RecordFaceCheckResult("s3", true, 0.9), slaDue.AddHours(4)),
            ],
            "face-check-rejected" =>
            [
                review(ReviewDecision.Approve, "ok"),
                .. Enumerable.Range(1, 4).SelectMany(i => new (BindingCommand, DateTimeOffset)[]
                {
                    (new StartFaceCheck($"s{i}", Now.AddHours(3 + i)), Now.AddHours(3 + i)),
                    (new RecordFaceCheckResult($"s{i}", false, 0.1), Now.AddHours(3 + i)),
                }),
            ],
            "verified-offline-in-review" => [review(ReviewDecision.VerifyOffline, "counter")],
            "verified-offline-in-gansu" =>
            [
                (new StartFaceCheck("s1", Now.AddHours(1)), Now.AddHours(1)),
                (new RecordFaceCheckResult("s1", false, 0.3), Now.AddHours(1)),
                (new DecideReview(Given.ReviewerId, ReviewDecision.VerifyOffline, "counter"), Now.AddHours(2)),
            ],
            "escalated-then-expired" =>
            [
                (new FireTimer(slaDue), slaDue),
                (new FireTimer(China.At(2026, 6, 15, 10, 0)), China.At(2026, 6, 15, 10, 0)),
            ],
            "rejected-by-reviewer" => [review(ReviewDecision.Reject, "hukou page unreadable")],
            _ => throw new ArgumentOutOfRangeException(nameof(flow), flow, null),
        };
        return [.. start, .. rest];
    }

    // Records compare their collections by reference: compare the documents by content, the rest as a record.
    private static void AssertSameState(BindingState expected, BindingState actual)
    {
        Assert.Equal(expected.Documents.ToArray(), actual.Documents.ToArray());
        Assert.Equal(expected.RequiredDocuments.ToArray(), actual.RequiredDocuments.ToArray());
        Assert.Equal(expected.FailedEffects.ToArray(), actual.FailedEffects.ToArray());
        Assert.Equal(expected with { Documents = actual.Documents, RequiredDocuments = actual.RequiredDocuments, FailedEffects = actual.FailedEffects }, actual);
    }

    private static BindingState RecordAll(List<BindingEvent> events, BindingState state, IEnumerable<BindingCommand> commands, DateTimeOffset at) =>
        commands.Aggregate(state, (s, command) => Record(events, s, command, at));

    [Theory]
    [MemberData(nameof(NonCreateCommands))]
    public void Deciding_a_non_create_command_without_a_request_throws(BindingCommand command)
    {
        Assert.Throws<InvalidOperationException>(() => Given.Decider.Decide(null, command, Now));
    }

    public static TheoryData<BindingCommand> NonCreateCommands() =>
    [
        new RecordDocument(DocumentType.MemberIdFront, Given.Document(DocumentType.MemberIdFront, Given.Now)),
        Given.Submit(),
        new CancelBinding(),
        new UnknownCommand(),
    ];

    [Fact]
    public void Requesting_an_existing_request_again_throws()
    {
        var command = RequestBuilder.Sharing().Build();
        var state = Given.Requested(command, Now);

        Assert.Throws<InvalidOperationException>(() => Given.Decider.Decide(state, command, Now));
    }

    [Fact]
    public void An_unknown_command_on_an_existing_request_throws()
    {
        var state = Given.Requested(RequestBuilder.Sharing(), Now);

        Assert.Throws<InvalidOperationException>(() => Given.Decider.Decide(state, new UnknownCommand(), Now));
    }

    [Fact]
    public void Evolving_nothing_with_anything_but_requested_throws()
    {
        Assert.Throws<InvalidOperationException>(() => BindingDecider.Evolve(null, new BindingApproved(Now)));
        Assert.Throws<InvalidOperationException>(() => BindingDecider.Evolve(null, new BindingCancelled(Now)));
        Assert.Throws<InvalidOperationException>(() =>
            BindingDecider.Evolve(null, new DocumentRecorded(Now, DocumentType.HukouHome, Given.Document(DocumentType.HukouHome, Now))));
    }

    [Fact]
    public void Evolving_a_request_with_requested_again_or_an_unknown_event_throws()
    {
        var decision = Given.Decider.Decide(null, RequestBuilder.Sharing().Build(), Now);
        var state = BindingDecider.Evolve(null, decision.Events[0]);

        Assert.Throws<InvalidOperationException>(() => BindingDecider.Evolve(state, decision.Events[0]));
        Assert.Throws<InvalidOperationException>(() => BindingDecider.Evolve(state, new UnknownEvent(Now)));
    }

    [Fact]
    public void A_refusal_appends_nothing_and_an_acceptance_has_no_refusal()
    {
        var refused = BindingDecision.Refuse(BindingRefusal.DuplicateRequest);
        var accepted = BindingDecision.Accept(new BindingApproved(Now));

        Assert.True(refused.IsRefused);
        Assert.Empty(refused.Events);
        Assert.False(accepted.IsRefused);
        Assert.Null(accepted.Refusal);
        Assert.Single(accepted.Events);
    }

    [Theory]
    [InlineData(BindingStatus.AwaitingDocuments, false)]
    [InlineData(BindingStatus.InReview, false)]
    [InlineData(BindingStatus.AwaitingFaceCheck, false)]
    [InlineData(BindingStatus.Approved, true)]
    [InlineData(BindingStatus.Rejected, true)]
    [InlineData(BindingStatus.Cancelled, true)]
    [InlineData(BindingStatus.Expired, true)]
    public void Final_statuses(BindingStatus status, bool final)
    {
        Assert.Equal(final, status.IsFinal());
    }

    private static BindingState Record(List<BindingEvent> events, BindingState? state, BindingCommand command, DateTimeOffset at)
    {
        var decision = Given.Decider.Decide(state, command, at);
        Assert.False(decision.IsRefused, $"{command.GetType().Name}: {decision.Refusal}");
        events.AddRange(decision.Events);
        return decision.Events.Aggregate(state, BindingDecider.Evolve)!;
    }
}
