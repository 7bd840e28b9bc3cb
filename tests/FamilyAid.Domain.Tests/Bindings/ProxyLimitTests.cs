namespace FamilyAid.Domain.Tests.Bindings;

/// <summary>ProxyLimit: one person acts (亲情账户) for at most five people, open requests counted; a member may have any
/// number of proxies; an activation that finds the slots taken rejects the request.</summary>
public sealed class ProxyLimitTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(4, 0, null)]
    [InlineData(0, 4, null)]
    [InlineData(2, 2, null)]
    [InlineData(5, 0, BindingRefusal.ProxyLimit)]
    [InlineData(0, 5, BindingRefusal.ProxyLimit)]
    [InlineData(3, 2, BindingRefusal.ProxyLimit)]
    public void A_sixth_proxied_person_is_refused_counting_open_requests(int active, int open, BindingRefusal? expected)
    {
        // Given an authorizer who acts for `active` people and has `open` proxy requests for others
        var request = RequestBuilder.Proxy(RegionPolicy.Guangdong);
        for (var i = 0; i < active; i++)
        {
            request.AuthorizerIn(TestPeople.AuthorizerId, $"active-{i}", BindingKind.Proxy);
        }

        for (var i = 0; i < open; i++)
        {
            request.WithOpenRequest($"open-{i}", BindingKind.Proxy);
        }

        // When they ask to act for one more
        var decision = Given.Decider.Decide(null, request.Build(), Now);

        // Then the sixth is refused, and nothing is recorded
        Assert.Equal(expected, decision.Refusal);
        Assert.Equal(expected is null ? 1 : 0, decision.Events.Count);
    }

    [Fact]
    public void Sharing_relationships_proxies_of_others_and_sharing_requests_do_not_count()
    {
        // Given four proxies, a sharing member, a sharing request, and the authorizer acted for by someone else
        var request = RequestBuilder.Proxy(RegionPolicy.Guangdong)
            .AuthorizerIn(TestPeople.AuthorizerId, TestPeople.OtherId)
            .AuthorizerIn(TestPeople.AnotherId, TestPeople.AuthorizerId, BindingKind.Proxy)
            .WithOpenRequest("sharing-open", BindingKind.Sharing);
        for (var i = 0; i < 4; i++)
        {
            request.AuthorizerIn(TestPeople.AuthorizerId, $"active-{i}", BindingKind.Proxy);
        }

        // When a fifth proxy is requested
        var decision = Given.Decider.Decide(null, request.Build(), Now);

        // Then it is accepted
        Assert.Null(decision.Refusal);
    }

    [Fact]
    public void A_member_may_be_proxied_by_any_number_of_relatives()
    {
        // Given a member whom five other relatives already act for
        var request = RequestBuilder.Proxy(RegionPolicy.Guangdong);
        for (var i = 0; i < 5; i++)
        {
            request.MemberIn($"relative-{i}", TestPeople.MemberId, BindingKind.Proxy);
        }

        // When a sixth relative asks
        var decision = Given.Decider.Decide(null, request.Build(), Now);

        // Then it is accepted
        Assert.Null(decision.Refusal);
    }

    [Fact]
    public void An_activation_that_found_the_slots_taken_rejects_the_request_with_its_reason()
    {
        // Given an approved request being activated
        var state = Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", Now.AddDays(1)).FaceCheckResult("session-1", passed: true, Now.AddDays(1));
        Assert.Equal(BindingStatus.Activating, state.Status);

        // When the activation finds the authorizer's five proxy slots taken
        var decision = Given.Decider.Decide(state, new RecordActivation(ActivationOutcome.ProxyLimitReached), Now.AddDays(1));

        // Then the timeline says why and the request is rejected
        Assert.Equal(["proxy-limit", "rejected"], decision.Events.Select(e => e.Name));
        Assert.Equal("proxy-limit", Assert.IsType<BindingRejected>(decision.Events[1]).By);
    }
}
