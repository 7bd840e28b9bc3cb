namespace FamilyAid.Domain.Tests.Bindings;

/// <summary>AlreadyInGroup: one group at a time (guangdong, national) or one as creator and one as member (gansu).</summary>
public class GroupLimitTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    public enum Situation
    {
        /// <summary>No relationships at all.</summary>
        Nothing,

        /// <summary>The member is a member of someone else's sharing group.</summary>
        MemberIsMemberElsewhere,

        /// <summary>The member runs a sharing group of their own.</summary>
        MemberRunsOwnGroup,

        /// <summary>The authorizer is a member of someone else's sharing group.</summary>
        AuthorizerIsMemberElsewhere,

        /// <summary>The authorizer already shares with another member: this request adds to that group.</summary>
        AuthorizerRunsGroupWithAnother,

        /// <summary>This authorizer and member are bound for sharing already.</summary>
        PairAlreadyBound,

        /// <summary>Only proxy relationships elsewhere, for both people.</summary>
        OnlyProxiesElsewhere,

        /// <summary>The pair is proxy-bound; this is a sharing request.</summary>
        PairProxyBound,
    }

    [Theory]
    [InlineData("guangdong", Situation.Nothing, null)]
    [InlineData("guangdong", Situation.MemberIsMemberElsewhere, BindingRefusal.AlreadyInGroup)]
    [InlineData("guangdong", Situation.MemberRunsOwnGroup, BindingRefusal.AlreadyInGroup)]
    [InlineData("guangdong", Situation.AuthorizerIsMemberElsewhere, BindingRefusal.AlreadyInGroup)]
    [InlineData("guangdong", Situation.AuthorizerRunsGroupWithAnother, null)]
    [InlineData("guangdong", Situation.PairAlreadyBound, BindingRefusal.AlreadyInGroup)]
    [InlineData("guangdong", Situation.OnlyProxiesElsewhere, null)]
    [InlineData("guangdong", Situation.PairProxyBound, null)]
    [InlineData("national", Situation.MemberIsMemberElsewhere, BindingRefusal.AlreadyInGroup)]
    [InlineData("national", Situation.MemberRunsOwnGroup, BindingRefusal.AlreadyInGroup)]
    [InlineData("national", Situation.AuthorizerIsMemberElsewhere, BindingRefusal.AlreadyInGroup)]
    [InlineData("national", Situation.AuthorizerRunsGroupWithAnother, null)]
    [InlineData("national", Situation.PairAlreadyBound, BindingRefusal.AlreadyInGroup)]
    [InlineData("gansu", Situation.Nothing, null)]
    [InlineData("gansu", Situation.MemberIsMemberElsewhere, BindingRefusal.AlreadyInGroup)]
    [InlineData("gansu", Situation.MemberRunsOwnGroup, null)] // the member may create one and be a member of one
    [InlineData("gansu", Situation.AuthorizerIsMemberElsewhere, null)] // the creator may also be a member elsewhere
    [InlineData("gansu", Situation.AuthorizerRunsGroupWithAnother, null)]
    [InlineData("gansu", Situation.PairAlreadyBound, BindingRefusal.AlreadyInGroup)]
    [InlineData("gansu", Situation.OnlyProxiesElsewhere, null)]
    [InlineData("gansu", Situation.PairProxyBound, null)]
    public void Sharing_groups_at_a_time(string region, Situation situation, BindingRefusal? expected)
    {
        // Given a sharing request in this region, and the relationships of this situation
        var request = In(situation, RequestBuilder.Sharing(RegionPolicy.For(region)).WithCommitmentConfirmed());

        // When it is decided
        var decision = Given.Decider.Decide(null, request.Build(), Now);

        // Then the region's group limit decides
        Assert.Equal(expected, decision.Refusal);
        Assert.Equal(expected is null ? 1 : 0, decision.Events.Count);
    }

    [Theory]
    [InlineData("guangdong", Situation.MemberIsMemberElsewhere)]
    [InlineData("guangdong", Situation.MemberRunsOwnGroup)]
    [InlineData("guangdong", Situation.AuthorizerIsMemberElsewhere)]
    [InlineData("guangdong", Situation.PairAlreadyBound)]
    [InlineData("national", Situation.MemberIsMemberElsewhere)]
    [InlineData("gansu", Situation.MemberIsMemberElsewhere)]
    [InlineData("gansu", Situation.PairAlreadyBound)]
    public void A_proxy_ignores_sharing_groups(string region, Situation situation)
    {
        // Given sharing relationships that would stop a sharing request
        var request = In(situation, RequestBuilder.Proxy(RegionPolicy.For(region)));

        // When a proxy is requested
        var decision = Given.Decider.Decide(null, request.Build(), Now);

        // Then it is accepted
        Assert.Null(decision.Refusal);
        Assert.IsType<BindingRequested>(Assert.Single(decision.Events));
    }

    [Theory]
    [InlineData("guangdong")]
    [InlineData("gansu")]
    [InlineData("national")]
    public void The_same_pair_may_not_be_proxy_bound_twice(string region)
    {
        // Given the authorizer already acts for the member (only the authorizer's side is loaded)
        var request = RequestBuilder.Proxy(RegionPolicy.For(region))
            .AuthorizerIn(TestPeople.AuthorizerId, TestPeople.MemberId, BindingKind.Proxy);

        // When another proxy is requested
        var decision = Given.Decider.Decide(null, request.Build(), Now);

        // Then it is refused
        Assert.Equal(BindingRefusal.AlreadyInGroup, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("guangdong")]
    [InlineData("gansu")]
    public void The_same_pair_may_not_be_sharing_bound_twice_even_if_only_the_authorizers_side_shows_it(string region)
    {
        var request = RequestBuilder.Sharing(RegionPolicy.For(region)).WithCommitmentConfirmed()
            .AuthorizerIn(TestPeople.AuthorizerId, TestPeople.MemberId, BindingKind.Sharing);

        var decision = Given.Decider.Decide(null, request.Build(), Now);

        Assert.Equal(BindingRefusal.AlreadyInGroup, decision.Refusal);
    }

    private static RequestBuilder In(Situation situation, RequestBuilder request) => situation switch
    {
        Situation.Nothing => request,
        Situation.MemberIsMemberElsewhere => request.MemberIn(TestPeople.OtherId, TestPeople.MemberId),
        Situation.MemberRunsOwnGroup => request.MemberIn(TestPeople.MemberId, TestPeople.OtherId),
        Situation.AuthorizerIsMemberElsewhere => request.AuthorizerIn(TestPeople.OtherId, TestPeople.AuthorizerId),
        Situation.AuthorizerRunsGroupWithAnother => request.AuthorizerIn(TestPeople.AuthorizerId, TestPeople.AnotherId),
        Situation.PairAlreadyBound => request.PairAlreadyBound(BindingKind.Sharing),
        Situation.OnlyProxiesElsewhere => request
            .MemberIn(TestPeople.OtherId, TestPeople.MemberId, BindingKind.Proxy)
            .MemberIn(TestPeople.MemberId, TestPeople.AnotherId, BindingKind.Proxy)
            .AuthorizerIn(TestPeople.OtherId, TestPeople.AuthorizerId, BindingKind.Proxy),
        Situation.PairProxyBound => request.PairAlreadyBound(BindingKind.Proxy),
        _ => throw new ArgumentOutOfRangeException(nameof(situation)),
    };
}
