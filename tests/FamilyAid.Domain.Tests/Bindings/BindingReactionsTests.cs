namespace FamilyAid.Domain.Tests.Bindings;

public sealed class BindingReactionsTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    [Fact]
    public void An_approval_activates_the_relationship_and_frees_the_open_request()
    {
        // Given a gansu request for a child under 16
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Gansu)
            .WithMember(TestPeople.Member(new DateOnly(2018, 1, 1))).WithCommitmentConfirmed(), Now);

        // When it is submitted (and so approved)
        var events = Given.Decider.Decide(state, new SubmitBinding(), Now).Events;
        var after = events.Aggregate(state, BindingDecider.Evolve);
        var effects = events.SelectMany(e => BindingReactions.To(e, after)).ToList();

        // Then the effects carry everything they need
        Assert.Equal(
            [
                new ActivateRelationship(after.Id, TestPeople.AuthorizerId, TestPeople.MemberId, BindingKind.Sharing, after.Relation, "gansu", Now),
                new ReleaseOpenRequest(after.Id, TestPeople.AuthorizerId, TestPeople.MemberId, BindingKind.Sharing),
            ],
            effects);
    }

    [Fact]
    public void A_cancellation_only_frees_the_open_request()
    {
        var state = Given.Requested(RequestBuilder.Sharing(), Now);

        var events = Given.Decider.Decide(state, new CancelBinding(), Now).Events;
        var after = events.Aggregate(state, BindingDecider.Evolve);

        var effect = Assert.Single(events.SelectMany(e => BindingReactions.To(e, after)));
        Assert.Equal(new ReleaseOpenRequest(after.Id, TestPeople.AuthorizerId, TestPeople.MemberId, BindingKind.Sharing), effect);
    }

    [Fact]
    public void Intake_documents_and_a_submission_to_review_ask_for_nothing()
    {
        var state = Given.Requested(RequestBuilder.Sharing(), Now).WithAllDocuments(Now);

        var events = Given.Decider.Decide(state, new SubmitBinding(), Now).Events;
        var after = events.Aggregate(state, BindingDecider.Evolve);

        Assert.Equal(BindingStatus.InReview, after.Status);
        Assert.Empty(events.SelectMany(e => BindingReactions.To(e, after)));
    }
}
