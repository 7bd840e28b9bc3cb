using FamilyAid.Domain.Families;

namespace FamilyAid.Domain.Tests.Families;

/// <summary>Which family group a caller sees, whose names in clear, and which balances.</summary>
public class FamilyGroupTests
{
    private const string Authorizer = "authorizer-1";
    private const string Member = "member-1";
    private const string Other = "member-2";

    private static GroupRelationship Sharing(string id, string authorizer, string member, string region = "gansu") =>
        new(id, authorizer, member, BindingKind.Sharing, Relation.Child, region);

    private static GroupRelationship Proxy(string id, string authorizer, string member) =>
        new(id, authorizer, member, BindingKind.Proxy, Relation.Parent, "guangdong");

    [Fact]
    public void A_caller_who_runs_a_group_sees_their_own_even_when_they_are_also_a_member_elsewhere()
    {
        // Given a caller who authorizes one relationship and is a member in another (gansu: one as creator, one as member)
        var mine = new[] { Sharing("r1", "someone-else", Authorizer), Sharing("r2", Authorizer, Member) };

        // Then their own group is the one they see
        Assert.Equal(Authorizer, FamilyGroup.AuthorizerFor(Authorizer, mine));
    }

    [Fact]
    public void A_member_sees_the_group_of_their_sharing_membership_before_a_proxy()
    {
        // Given a member whose older relationship is a proxy and newer one a sharing membership
        var mine = new[] { Proxy("r1", "proxy-holder", Member), Sharing("r2", Authorizer, Member) };

        // Then the sharing group is the one they see; with only the proxy, the proxy's; with nothing, none
        Assert.Equal(Authorizer, FamilyGroup.AuthorizerFor(Member, mine));
        Assert.Equal("proxy-holder", FamilyGroup.AuthorizerFor(Member, [mine[0]]));
        Assert.Null(FamilyGroup.AuthorizerFor(Member, []));
    }

    [Fact]
    public void The_authorizer_sees_every_name_and_a_member_only_their_own()
    {
        var group = new[] { Sharing("r1", Authorizer, Member), Sharing("r2", Authorizer, Other) };

        var byAuthorizer = FamilyGroup.Sight(Authorizer, Authorizer, group);
        var byMember = FamilyGroup.Sight(Member, Authorizer, group);

        Assert.True(byAuthorizer.ShowsNameOf(Authorizer, Other));
        Assert.True(byMember.ShowsNameOf(Member, Member));
        Assert.False(byMember.ShowsNameOf(Member, Other));
        Assert.False(byMember.ShowsNameOf(Member, Authorizer));
        Assert.Equal(["r1", "r2"], byMember.Members.Select(r => r.Id));
    }

    [Fact]
    public void In_a_pool_region_a_sharing_member_sees_the_pool_but_not_the_authorizers_account()
    {
        var sight = FamilyGroup.Sight(Member, Authorizer, [Sharing("r1", Authorizer, Member, "gansu")]);

        Assert.True(sight.ShowsPool);
        Assert.False(sight.ShowsAuthorizerAccount);
    }

    [Fact]
    public void In_a_direct_region_a_sharing_member_sees_the_authorizers_account_they_spend()
    {
        var sight = FamilyGroup.Sight(Member, Authorizer, [Sharing("r1", Authorizer, Member, "guangdong")]);

        Assert.False(sight.ShowsPool);
        Assert.True(sight.ShowsAuthorizerAccount);
    }

    [Fact]
    public void A_proxy_member_sees_no_money_and_the_authorizer_always_sees_their_own_account()
    {
        var group = new[] { Proxy("r1", Authorizer, Member), Sharing("r2", Authorizer, Other, "gansu") };

        var byProxy = FamilyGroup.Sight(Member, Authorizer, group);
        var byAuthorizer = FamilyGroup.Sight(Authorizer, Authorizer, group);

        Assert.False(byProxy.ShowsPool);
        Assert.False(byProxy.ShowsAuthorizerAccount);
        Assert.True(byAuthorizer.ShowsPool);
        Assert.True(byAuthorizer.ShowsAuthorizerAccount);
    }
}
