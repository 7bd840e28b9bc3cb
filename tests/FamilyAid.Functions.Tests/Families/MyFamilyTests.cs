using System.Text.Json.Nodes;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Tests.Settlements;

namespace FamilyAid.Functions.Tests.Families;

/// <summary><c>GET /api/families/mine</c>: the caller's family group with its members and the balances they may see.</summary>
[Collection(AppCollection.Name)]
public sealed class MyFamilyTests(FamilyAidApp app)
{
    private static string Masked(string residentId) => residentId[..6] + "********" + residentId[14..];

    private static string MaskedName(string name) => name[..1] + new string('*', name.Length - 1);

    private static JsonNode MemberEntry(JsonNode family, string relationshipId) =>
        Assert.Single(family["members"]!.AsArray(), m => m!["relationshipId"]!.GetValue<string>() == relationshipId)!;

    /// <summary>A gansu authorizer with a sharing child and a proxy child, 30 000 fen transferred into the pool.</summary>
    private async Task<(Family Sharing, Family Proxy)> AGansuFamilyWithAPool()
    {
        var sharing = await FamilySteps.New(app, "gansu", accountFen: 100_000);
        var proxy = await FamilySteps.Bind(app, sharing.Authorizer, await FamilySteps.Child(app, "gansu"), "gansu", kind: "proxy");
        await FamilySteps.Transferred(app, sharing.Authorizer.Id, 30_000);
        return (sharing, proxy);
    }

    [Fact]
    public async Task The_authorizer_sees_every_member_in_full_with_masked_resident_ids_and_both_balances_in_gansu()
    {
        // Given a gansu authorizer with a sharing child and a proxy child, who moved 30 000 fen into the pool
        var (sharing, proxy) = await AGansuFamilyWithAPool();

        // When the authorizer asks for their family
        var family = await FamilySteps.Mine(app, sharing.Authorizer.Id);

        // Then the group is theirs, every member is listed with full name, masked resident ID, relation and kind
        Assert.Equal(sharing.Authorizer.Id, family["groupId"]!.GetValue<string>());
        Assert.Equal(sharing.Authorizer.Id, family["authorizer"]!["id"]!.GetValue<string>());
        Assert.Equal(sharing.Authorizer.Name, family["authorizer"]!["name"]!.GetValue<string>());
        Assert.Equal(2, family["members"]!.AsArray().Count);
        foreach (var (relationship, kind) in new[] { (sharing, "sharing"), (proxy, "proxy") })
        {
            var member = MemberEntry(family, relationship.RelationshipId);
            Assert.Equal(relationship.Member.Id, member["personId"]!.GetValue<string>());
            Assert.Equal(relationship.Member.Name, member["name"]!.GetValue<string>());
            Assert.Equal(Masked(relationship.Member.ResidentId), member["residentIdMasked"]!.GetValue<string>());
            Assert.Equal("child", member["relation"]!.GetValue<string>());
            Assert.Equal(kind, member["kind"]!.GetValue<string>());
        }

        // And the pool holds the transfer while the account holds the rest
        Assert.Equal(30_000, family["poolFen"]!.GetValue<long>());
        Assert.Equal(70_000, family["authorizerAccountFen"]!.GetValue<long>());

        // And no clear resident ID appears anywhere in the answer
        var text = family.ToJsonString();
        Assert.DoesNotContain(sharing.Member.ResidentId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(proxy.Member.ResidentId, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sharing_member_in_gansu_sees_the_same_group_with_other_names_masked_and_the_pool_but_not_the_account()
    {
        // Given a gansu family with a pool of 30 000 fen
        var (sharing, proxy) = await AGansuFamilyWithAPool();

        // When the sharing member asks for their family
        var family = await FamilySteps.Mine(app, sharing.Member.Id);

        // Then it is the authorizer's group, the member's own name is in full and the others' (the authorizer's too) masked
        Assert.Equal(sharing.Authorizer.Id, family["groupId"]!.GetValue<string>());
        Assert.Equal(MaskedName(sharing.Authorizer.Name), family["authorizer"]!["name"]!.GetValue<string>());
        Assert.Equal(2, family["members"]!.AsArray().Count);
        Assert.Equal(sharing.Member.Name, MemberEntry(family, sharing.RelationshipId)["name"]!.GetValue<string>());
        var other = MemberEntry(family, proxy.RelationshipId);
        Assert.Equal(MaskedName(proxy.Member.Name), other["name"]!.GetValue<string>());
        Assert.NotEqual(proxy.Member.Name, other["name"]!.GetValue<string>());
        Assert.Equal(Masked(proxy.Member.ResidentId), other["residentIdMasked"]!.GetValue<string>());
        Assert.Equal("proxy", other["kind"]!.GetValue<string>());

        // And they see the pool they spend, but not the authorizer's own account
        Assert.Equal(30_000, family["poolFen"]!.GetValue<long>());
        Assert.Null(family["authorizerAccountFen"]);
    }

    [Theory]
    [InlineData("guangdong")]
    [InlineData("national")]
    public async Task A_sharing_member_in_a_direct_region_sees_the_authorizer_s_account_and_no_pool(string region)
    {
        // Given a family of a region where members spend the authorizer's account directly (54 321 fen on the insured
        // record), and a 1 234-fen bill the member paid with a code, so the ledger now holds less than the record says
        var family = await FamilySteps.New(app, region, accountFen: 54_321);
        var paid = await Money.Pay(Money.Institution(app, Money.NewInstitution()), await FamilySteps.PaymentCode(app, family.Member.Id), 1_234);
        Assert.Equal((0L, 1_234L, 0L), (paid.Own, paid.Family, paid.Cash));
        Assert.Equal(53_087, (await Money.Ledger(app, AccountId.Personal(family.Authorizer.Id))).BalanceFen);

        // When the member asks for their family
        var view = await FamilySteps.Mine(app, family.Member.Id);

        // Then they see the account they spend at the ledger's balance (not the record's), and there is no pool
        Assert.Equal(family.Authorizer.Id, view["groupId"]!.GetValue<string>());
        var entry = MemberEntry(view, family.RelationshipId);
        Assert.Equal("sharing", entry["kind"]!.GetValue<string>());
        Assert.Equal(family.Member.Name, entry["name"]!.GetValue<string>());
        Assert.Equal(53_087, view["authorizerAccountFen"]!.GetValue<long>());
        Assert.Null(view["poolFen"]);
    }

    [Fact]
    public async Task A_proxy_member_sees_the_group_but_no_balances()
    {
        // Given a gansu family with a pool of 30 000 fen and a proxy child
        var (_, proxy) = await AGansuFamilyWithAPool();

        // When the proxy member asks for their family
        var family = await FamilySteps.Mine(app, proxy.Member.Id);

        // Then they see the group, themselves in full, and no money at all
        Assert.Equal(proxy.Authorizer.Id, family["groupId"]!.GetValue<string>());
        Assert.Equal(proxy.Member.Name, MemberEntry(family, proxy.RelationshipId)["name"]!.GetValue<string>());
        Assert.Null(family["poolFen"]);
        Assert.Null(family["authorizerAccountFen"]);
    }

    [Fact]
    public async Task A_person_in_no_group_gets_404()
    {
        // Given an insured person who authorizes nothing and belongs to no group (with a request that is only open)
        var person = await Api.Insured(app);
        await Api.CreateBinding(app, person, await Api.Insured(app, insuranceType: "resident"));

        // When they ask for their family
        var response = await app.As(person.Id).GetAsync("/api/families/mine");

        // Then there is none
        await Api.ExpectProblem(response, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("institution")]
    [InlineData("reviewer")]
    [InlineData("admin")]
    public async Task Staff_and_institutions_get_403(string role)
    {
        // Given a caller who is no applicant (even one whose id is an authorizer's)
        var family = await FamilySteps.New(app, "gansu");
        var client = app.As(family.Authorizer.Id, role, region: role == "reviewer" ? "gansu" : null, institution: role == "institution" ? "hospital-1" : null);

        // When they ask for "their" family
        var response = await client.GetAsync("/api/families/mine");

        // Then they are refused
        await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "forbidden");
    }
}
