namespace FamilyAid.Domain.Tests.Bindings;

public sealed class OpenRequestGuardTests
{
    private const string NewRequest = "request-new";
    private const string Guarded = "request-guarded";
    private static readonly DateTimeOffset Now = Given.Now;

    [Theory]
    [InlineData(BindingStatus.AwaitingDocuments)]
    [InlineData(BindingStatus.InReview)]
    [InlineData(BindingStatus.AwaitingFaceCheck)]
    [InlineData(BindingStatus.Activating)]
    public void A_guard_naming_an_open_request_holds(BindingStatus status)
    {
        // Given a guard taken long ago by a request that is still open
        // When another request for the same member and kind is created
        var holds = OpenRequestGuard.Holds(NewRequest, Guarded, status, Now.AddDays(-30), Now);

        // Then the guard holds: the new request is a duplicate
        Assert.True(holds);
    }

    [Theory]
    [InlineData(BindingStatus.Approved)]
    [InlineData(BindingStatus.Rejected)]
    [InlineData(BindingStatus.Cancelled)]
    [InlineData(BindingStatus.Expired)]
    public void A_guard_naming_a_final_request_may_be_replaced(BindingStatus status)
    {
        // Given a guard whose request is final (its release has not run yet)
        // When another request is created, even a moment after the guard was taken
        var holds = OpenRequestGuard.Holds(NewRequest, Guarded, status, Now, Now);

        // Then the guard does not hold
        Assert.False(holds);
    }

    [Fact]
    public void A_guard_whose_create_is_still_writing_holds_within_the_grace()
    {
        // Given a guard taken just under a minute ago by a request with no stream yet
        var takenAt = Now - OpenRequestGuard.CreateGrace + TimeSpan.FromSeconds(1);

        // When another request is created
        var holds = OpenRequestGuard.Holds(NewRequest, Guarded, guardedStatus: null, takenAt, Now);

        // Then the guard holds: that create may still write its stream
        Assert.True(holds);
    }

    [Fact]
    public void A_guard_whose_create_died_may_be_replaced_after_the_grace()
    {
        // Given a guard taken a minute ago by a request that never got a stream (its create died)
        var takenAt = Now - OpenRequestGuard.CreateGrace;

        // When another request is created
        var holds = OpenRequestGuard.Holds(NewRequest, Guarded, guardedStatus: null, takenAt, Now);

        // Then the guard does not hold
        Assert.False(holds);
    }

    [Fact]
    public void A_guard_naming_the_request_itself_is_a_retry_of_its_create()
    {
        // Given a guard the same request took a moment ago (its create crashed before the stream)
        // When its create is retried
        var holds = OpenRequestGuard.Holds(Guarded, Guarded, guardedStatus: null, Now, Now);

        // Then the guard does not hold against it
        Assert.False(holds);
    }

    [Fact]
    public void The_grace_is_one_minute() =>
        // Given / When / Then: long enough for a create to write its stream, short enough for a retry to succeed soon
        Assert.Equal(TimeSpan.FromMinutes(1), OpenRequestGuard.CreateGrace);
}
