namespace FamilyAid.Domain.Tests.Bindings;

public class CancelBindingTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    [Theory]
    [InlineData("guangdong", false, BindingStatus.AwaitingDocuments)]
    [InlineData("guangdong", true, BindingStatus.InReview)]
    [InlineData("gansu", true, BindingStatus.AwaitingFaceCheck)]
    public void An_open_request_is_cancelled(string region, bool submit, BindingStatus before)
    {
        // Given an open request
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.For(region)).WithCommitmentConfirmed(), Now).WithAllDocuments(Now);
        if (submit)
        {
            state = state.Submitted(Now);
        }

        Assert.Equal(before, state.Status);
        Assert.NotNull(state.DueAt);

        // When the authorizer cancels it
        var at = Now.AddHours(2);
        var decision = Given.Decider.Decide(state, new CancelBinding(), at);

        // Then it is cancelled and no timer stays due
        var cancelled = Assert.IsType<BindingCancelled>(Assert.Single(decision.Events));
        Assert.Equal(new BindingCancelled(at), cancelled);
        Assert.Equal("cancelled", cancelled.Name);
        var after = BindingDecider.Evolve(state, cancelled);
        Assert.Equal(BindingStatus.Cancelled, after.Status);
        Assert.Null(after.DueAt);
        Assert.True(after.Status.IsFinal());
    }

    [Theory]
    [InlineData(BindingStatus.Approved)]
    [InlineData(BindingStatus.Rejected)]
    [InlineData(BindingStatus.Cancelled)]
    [InlineData(BindingStatus.Expired)]
    public void A_final_request_cannot_be_cancelled(BindingStatus final)
    {
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now) with { Status = final, DueAt = null };

        var decision = Given.Decider.Decide(state, new CancelBinding(), Now);

        Assert.Equal(BindingRefusal.AlreadyFinal, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Cancelling_twice_is_refused_the_second_time()
    {
        // Given a cancelled request (through the decider)
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now).Cancelled(Now);

        // When it is cancelled again, or submitted
        var cancelAgain = Given.Decider.Decide(state, new CancelBinding(), Now.AddMinutes(1));
        var submit = Given.Decider.Decide(state, Given.Submit(), Now.AddMinutes(1));

        // Then both are refused as final
        Assert.Equal(BindingRefusal.AlreadyFinal, cancelAgain.Refusal);
        Assert.Equal(BindingRefusal.AlreadyFinal, submit.Refusal);
    }

    [Fact]
    public void An_approved_request_cannot_be_cancelled()
    {
        var state = Given.Requested(
                RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().WithMemberBornOn(new DateOnly(2015, 1, 1)), Now)
            .WithAllDocuments(Now).Submitted(Now, new DateOnly(2015, 1, 1)).Reviewed(ReviewDecision.Approve, Now);
        Assert.Equal(BindingStatus.Activating, state.Status);

        // While the relationship is being activated the decision is taken already, and once it is active too
        Assert.Equal(BindingRefusal.AlreadyFinal, Given.Decider.Decide(state, new CancelBinding(), Now).Refusal);
        var approved = state.Activated(Now);
        Assert.Equal(BindingStatus.Approved, approved.Status);
        Assert.Equal(BindingRefusal.AlreadyFinal, Given.Decider.Decide(approved, new CancelBinding(), Now).Refusal);
    }
}
