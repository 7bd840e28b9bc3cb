namespace FamilyAid.Domain.Tests.Bindings;

/// <summary>An effect read back from the outbox is done only while it agrees with its request: a queue message is a
/// pointer, never an instruction.</summary>
public class EffectAgreementTests
{
    private const string Id = "binding-1";
    private const string Authorizer = TestPeople.AuthorizerId;
    private const string Member = TestPeople.MemberId;
    private static readonly DateTimeOffset Now = Given.Now;

    private static BindingState Activating() =>
        Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", Now.AddDays(1)).FaceCheckResult("session-1", passed: true, Now.AddDays(1));

    private static ActivateRelationship Activation(string authorizer = Authorizer, string member = Member, BindingKind kind = BindingKind.Sharing) =>
        new(Id, authorizer, member, kind, Relation.Child, "guangdong", Now);

    [Fact]
    public void An_activation_agrees_only_with_its_own_request_while_it_is_being_activated()
    {
        // Given a request whose approval is being activated
        var state = Activating();

        // Then its own activation agrees, and one naming someone else, another kind or another request does not
        Assert.True(BindingReactions.AgreesWith(Activation(), state));
        Assert.False(BindingReactions.AgreesWith(Activation(authorizer: "stranger"), state));
        Assert.False(BindingReactions.AgreesWith(Activation(member: "someone-else"), state));
        Assert.False(BindingReactions.AgreesWith(Activation(kind: BindingKind.Proxy), state));
        Assert.False(BindingReactions.AgreesWith(Activation() with { BindingId = "binding-2" }, state));
    }

    [Fact]
    public void An_activation_does_not_agree_before_approval_or_after_it_completed()
    {
        // Given the same request awaiting documents, in review, approved (the relationship may since have ended) and rejected
        var states = new[]
        {
            Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now),
            Given.InReview(Now),
            Activating().Activated(Now.AddDays(1)),
            Given.InReview(Now).Reviewed(ReviewDecision.Reject, Now.AddHours(1), "no"),
        };

        // Then no activation agrees: a replayed one cannot bring back a relationship that was ended
        Assert.All(states, s => Assert.False(BindingReactions.AgreesWith(Activation(), s), s.Status.ToString()));
    }

    [Fact]
    public void Queue_entries_agree_only_with_the_review_step_they_belong_to()
    {
        var inReview = Given.InReview(Now);
        var add = new AddToReviewQueue(Id, "guangdong", BindingKind.Sharing, Relation.Child, Now, inReview.DueAt);
        var remove = new RemoveFromReviewQueue(Id, "guangdong", Now);
        var reviewed = inReview.Reviewed(ReviewDecision.Approve, Now.AddHours(1));

        Assert.True(BindingReactions.AgreesWith(add, inReview));
        Assert.False(BindingReactions.AgreesWith(add, reviewed));
        Assert.False(BindingReactions.AgreesWith(add with { Region = "gansu" }, inReview));
        Assert.True(BindingReactions.AgreesWith(remove, reviewed));
        Assert.False(BindingReactions.AgreesWith(remove, inReview));
    }

    [Fact]
    public void An_escalation_mark_agrees_only_with_its_request_still_in_review_in_its_region()
    {
        // Given a request in review, the mark its escalation asks for, and the same request once decided
        var inReview = Given.InReview(Now);
        var mark = new MarkEscalatedInReviewQueue(Id, "guangdong", Now, Now.AddDays(14));
        var reviewed = inReview.Reviewed(ReviewDecision.Approve, Now.AddHours(1));

        // Then the mark agrees only while it is in review, for its own region and id
        Assert.True(BindingReactions.AgreesWith(mark, inReview));
        Assert.False(BindingReactions.AgreesWith(mark, reviewed));
        Assert.False(BindingReactions.AgreesWith(mark with { Region = "gansu" }, inReview));
        Assert.False(BindingReactions.AgreesWith(mark with { BindingId = "other" }, inReview));
    }

    [Fact]
    public void A_release_agrees_only_once_the_request_is_final()
    {
        var release = new ReleaseOpenRequest(Id, Authorizer, Member, BindingKind.Sharing);

        Assert.False(BindingReactions.AgreesWith(release, Activating()));
        Assert.True(BindingReactions.AgreesWith(release, Activating().Activated(Now.AddDays(1))));
        Assert.False(BindingReactions.AgreesWith(release with { MemberId = "someone-else" }, Activating().Activated(Now.AddDays(1))));
    }

    [Fact]
    public void Timers_agree_with_their_own_request_and_notices_with_its_people()
    {
        var inReview = Given.InReview(Now);

        // A timer the request no longer waits for is still set: the decider finds it stale when it fires
        Assert.True(BindingReactions.AgreesWith(new ScheduleTimer(Id, inReview.DueAt!.Value), inReview));
        Assert.True(BindingReactions.AgreesWith(new ScheduleTimer(Id, inReview.DueAt!.Value.AddDays(9)), inReview));
        Assert.False(BindingReactions.AgreesWith(new ScheduleTimer("binding-2", inReview.DueAt!.Value), inReview));
        Assert.True(BindingReactions.AgreesWith(new Notify(Id, Member, BindingReactions.Templates.Approved), inReview));
        Assert.True(BindingReactions.AgreesWith(new Notify(Id, BindingReactions.Reviewers("guangdong"), BindingReactions.Templates.ReviewOverdue), inReview));
        Assert.False(BindingReactions.AgreesWith(new Notify(Id, "stranger", BindingReactions.Templates.Approved), inReview));
    }
}
