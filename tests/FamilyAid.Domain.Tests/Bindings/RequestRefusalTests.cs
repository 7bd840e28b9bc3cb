namespace FamilyAid.Domain.Tests.Bindings;

/// <summary>Who may open a request for whom: every refusal other than the group rules, and their order.</summary>
public class RequestRefusalTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    [Theory]
    [InlineData(BindingKind.Sharing, InsuranceType.Employee, InsuranceStatus.Normal, null)]
    [InlineData(BindingKind.Sharing, InsuranceType.Resident, InsuranceStatus.Normal, BindingRefusal.AuthorizerNotEligible)]
    [InlineData(BindingKind.Sharing, InsuranceType.Employee, InsuranceStatus.Suspended, BindingRefusal.AuthorizerNotEligible)]
    [InlineData(BindingKind.Sharing, InsuranceType.Resident, InsuranceStatus.Suspended, BindingRefusal.AuthorizerNotEligible)]
    [InlineData(BindingKind.Proxy, InsuranceType.Employee, InsuranceStatus.Normal, null)]
    [InlineData(BindingKind.Proxy, InsuranceType.Resident, InsuranceStatus.Normal, null)]
    [InlineData(BindingKind.Proxy, InsuranceType.Employee, InsuranceStatus.Suspended, BindingRefusal.AuthorizerNotEligible)]
    [InlineData(BindingKind.Proxy, InsuranceType.Resident, InsuranceStatus.Suspended, BindingRefusal.AuthorizerNotEligible)]
    public void Who_may_authorize(BindingKind kind, InsuranceType type, InsuranceStatus status, BindingRefusal? expected)
    {
        // Given an authorizer of this insurance, in every region
        foreach (var policy in RegionPolicy.All.Values)
        {
            var command = RequestBuilder.Of(kind, policy).WithAuthorizer(TestPeople.Authorizer(type, status) with { Region = policy.Region }).Build();

            // When the request is decided
            var decision = Given.Decider.Decide(null, command, Now);

            // Then only an employee-insured authorizer in force may share; a proxy needs insurance in force
            Assert.Equal(expected, decision.Refusal);
            Assert.Equal(expected is null, decision.Events.Count == 1);
        }
    }

    [Theory]
    [InlineData(BindingKind.Sharing)]
    [InlineData(BindingKind.Proxy)]
    public void An_unknown_authorizer_is_not_eligible(BindingKind kind)
    {
        var command = RequestBuilder.Of(kind, RegionPolicy.Guangdong).WithAuthorizer(null).Build();

        var decision = Given.Decider.Decide(null, command, Now);

        Assert.Equal(BindingRefusal.AuthorizerNotEligible, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData(BindingKind.Sharing)]
    [InlineData(BindingKind.Proxy)]
    public void An_unknown_member_is_not_insured(BindingKind kind)
    {
        var command = RequestBuilder.Of(kind, RegionPolicy.Guangdong).WithMember(null).TypingName("张小雨").Build();

        var decision = Given.Decider.Decide(null, command, Now);

        Assert.Equal(BindingRefusal.MemberNotInsured, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("guangdong", "gansu", BindingRefusal.AuthorizerNotEligible)]
    [InlineData("gansu", "guangdong", BindingRefusal.AuthorizerNotEligible)]
    [InlineData("national", "gansu", null)]
    [InlineData("national", "guangdong", null)]
    public void Sharing_follows_the_authorizers_own_region_or_the_national_platform(
        string requestRegion, string authorizerRegion, BindingRefusal? expected)
    {
        // Given an authorizer insured in one region
        var command = RequestBuilder.Sharing(RegionPolicy.For(requestRegion))
            .WithAuthorizer(TestPeople.Authorizer() with { Region = authorizerRegion })
            .WithCommitmentConfirmed()
            .Build();

        // When they ask for sharing under a region's policy
        var decision = Given.Decider.Decide(null, command, Now);

        // Then only their own region, or the national platform, takes it
        Assert.Equal(expected, decision.Refusal);
    }

    [Fact]
    public void A_proxy_may_act_for_a_member_whose_insurance_is_suspended()
    {
        // Given a member whose insurance lapsed (paying their premium is what a proxy is for), and an authorizer elsewhere
        var command = RequestBuilder.Proxy(RegionPolicy.Gansu)
            .WithMember(TestPeople.Member(status: InsuranceStatus.Suspended))
            .Build();

        // When a proxy request is decided
        var decision = Given.Decider.Decide(null, command, Now);

        // Then it is opened
        Assert.Null(decision.Refusal);
        Assert.IsType<BindingRequested>(Assert.Single(decision.Events));
    }

    [Theory]
    [InlineData("guangdong", InsuranceType.Resident)]
    [InlineData("gansu", InsuranceType.Resident)]
    [InlineData("national", InsuranceType.Employee)]
    public void A_suspended_member_is_not_insured(string region, InsuranceType type)
    {
        // Given a member whose insurance is suspended
        var command = RequestBuilder.Sharing(RegionPolicy.For(region))
            .WithMember(TestPeople.Member(type: type, status: InsuranceStatus.Suspended))
            .WithCommitmentConfirmed()
            .Build();

        // When a sharing request is decided
        var decision = Given.Decider.Decide(null, command, Now);

        // Then it is refused
        Assert.Equal(BindingRefusal.MemberNotInsured, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData(BindingKind.Sharing, "张小明")]
    [InlineData(BindingKind.Sharing, "张小")]
    [InlineData(BindingKind.Sharing, "")]
    [InlineData(BindingKind.Proxy, "李小雨")]
    public void A_name_that_does_not_match_the_insured_record_is_a_mismatch(BindingKind kind, string typed)
    {
        // Given the insured record says 张小雨 and the authorizer typed something else
        var command = RequestBuilder.Of(kind, RegionPolicy.Guangdong).TypingName(typed).Build();

        // When it is decided
        var decision = Given.Decider.Decide(null, command, Now);

        // Then it is refused as a mismatch
        Assert.Equal(BindingRefusal.MemberMismatch, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("guangdong", Relation.Sibling, BindingRefusal.RelationNotAllowed)]
    [InlineData("guangdong", Relation.Grandparent, BindingRefusal.RelationNotAllowed)]
    [InlineData("guangdong", Relation.MaternalGrandchild, BindingRefusal.RelationNotAllowed)]
    [InlineData("guangdong", Relation.Spouse, null)]
    [InlineData("guangdong", Relation.Parent, null)]
    [InlineData("gansu", Relation.Sibling, null)]
    [InlineData("gansu", Relation.MaternalGrandparent, null)]
    [InlineData("national", Relation.Sibling, null)]
    [InlineData("national", Relation.Grandchild, null)]
    public void Sharing_relation_must_be_allowed_by_the_region(string region, Relation relation, BindingRefusal? expected)
    {
        // Given a sharing request for this relative
        var command = RequestBuilder.Sharing(RegionPolicy.For(region)).For(relation).WithCommitmentConfirmed().Build();

        // When it is decided
        var decision = Given.Decider.Decide(null, command, Now);

        // Then the region's list decides
        Assert.Equal(expected, decision.Refusal);
        Assert.Equal(expected is null ? 1 : 0, decision.Events.Count);
    }

    [Theory]
    [InlineData(BindingKind.Sharing, "guangdong")]
    [InlineData(BindingKind.Sharing, "gansu")]
    [InlineData(BindingKind.Sharing, "national")]
    [InlineData(BindingKind.Proxy, "guangdong")]
    [InlineData(BindingKind.Proxy, "gansu")]
    public void Nobody_may_bind_themselves(BindingKind kind, string region)
    {
        // Given the member found by resident ID is the authorizer
        var self = TestPeople.Authorizer();
        var command = RequestBuilder.Of(kind, RegionPolicy.For(region)!).WithMember(self).For(Relation.Child).Build();

        // When it is decided
        var decision = Given.Decider.Decide(null, command, Now);

        // Then it is refused
        Assert.Equal(BindingRefusal.RelationNotAllowed, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData(BindingKind.Sharing, BindingKind.Sharing, TestPeople.MemberId, BindingRefusal.DuplicateRequest)]
    [InlineData(BindingKind.Proxy, BindingKind.Proxy, TestPeople.MemberId, BindingRefusal.DuplicateRequest)]
    [InlineData(BindingKind.Sharing, BindingKind.Proxy, TestPeople.MemberId, null)] // other kind
    [InlineData(BindingKind.Proxy, BindingKind.Sharing, TestPeople.MemberId, null)]
    [InlineData(BindingKind.Sharing, BindingKind.Sharing, TestPeople.OtherId, null)] // other member
    public void An_open_request_for_the_same_member_and_kind_is_a_duplicate(
        BindingKind kind, BindingKind openKind, string openFor, BindingRefusal? expected)
    {
        // Given the authorizer has an open request
        var command = RequestBuilder.Of(kind, RegionPolicy.Guangdong).WithOpenRequest(openFor, openKind).Build();

        // When another is decided
        var decision = Given.Decider.Decide(null, command, Now);

        // Then only the same member and kind is a duplicate
        Assert.Equal(expected, decision.Refusal);
    }

    /// <summary>Rules in the order the refusals are shown; each row breaks this rule and every later one.</summary>
    [Theory]
    [InlineData(0, BindingRefusal.AuthorizerNotEligible)]
    [InlineData(1, BindingRefusal.MemberNotInsured)] // unknown member
    [InlineData(2, BindingRefusal.MemberMismatch)]
    [InlineData(3, BindingRefusal.RelationNotAllowed)]
    [InlineData(4, BindingRefusal.MemberNotInsured)] // suspended member: asked only once the name matches
    [InlineData(5, BindingRefusal.AlreadyInGroup)]
    [InlineData(6, BindingRefusal.DuplicateRequest)]
    [InlineData(7, null)]
    public void The_first_broken_rule_is_the_one_reported(int firstBroken, BindingRefusal? expected)
    {
        // Given a guangdong sharing request breaking rule firstBroken and all those after it
        var request = RequestBuilder.Sharing(RegionPolicy.Guangdong);
        if (firstBroken <= 6)
        {
            request.WithOpenRequest(TestPeople.MemberId, BindingKind.Sharing);
        }

        if (firstBroken <= 5)
        {
            request.MemberIn(TestPeople.OtherId, TestPeople.MemberId);
        }

        if (firstBroken <= 4)
        {
            request.WithMember(TestPeople.Member(status: InsuranceStatus.Suspended));
        }

        if (firstBroken <= 3)
        {
            request.For(Relation.Sibling);
        }

        if (firstBroken <= 2)
        {
            request.TypingName("李四");
        }

        if (firstBroken <= 1)
        {
            request.WithMember(null);
        }

        if (firstBroken <= 0)
        {
            request.WithAuthorizer(TestPeople.Authorizer(InsuranceType.Resident));
        }

        // When eligibility is checked
        var refusal = BindingEligibility.Check(request.Build());

        // Then the first rule in order is reported
        Assert.Equal(expected, refusal);
    }
}
