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

        state = Record(events, state, new SubmitBinding(), requested.AddMinutes(2));

        // When the stream is folded from the start
        var folded = BindingDecider.Fold(events);

        // Then it is the state the decisions built, step by step
        Assert.NotNull(folded);
        Assert.Equal(["requested", .. Enumerable.Repeat("document-uploaded", 7), "submitted"], events.Select(e => e.Name));
        Assert.Equal(BindingStatus.InReview, folded.Status);
        Assert.Equal(RegionPolicy.FullDocuments.Order(), folded.Documents.Keys);
        Assert.Empty(folded.MissingDocuments);
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
        Record(events, state, new SubmitBinding(), Now.AddMinutes(1));

        var folded = BindingDecider.Fold(events)!;

        Assert.Equal(["requested", "submitted", "approved"], events.Select(e => e.Name));
        Assert.Equal(BindingStatus.Approved, folded.Status);
        Assert.Null(folded.DueAt);
        Assert.Empty(folded.Documents);
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

    [Theory]
    [MemberData(nameof(NonCreateCommands))]
    public void Deciding_a_non_create_command_without_a_request_throws(BindingCommand command)
    {
        Assert.Throws<InvalidOperationException>(() => Given.Decider.Decide(null, command, Now));
    }

    public static TheoryData<BindingCommand> NonCreateCommands() =>
    [
        new RecordDocument(DocumentType.MemberIdFront, Given.Document(DocumentType.MemberIdFront, Given.Now)),
        new SubmitBinding(),
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
