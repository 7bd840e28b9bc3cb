using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Tests.Families;
using FamilyAid.Functions.Tests.Settlements;

namespace FamilyAid.Functions.Tests.Quotas;

/// <summary><c>PUT /api/relationships/{id}/quota</c>: the sharer reserves part of their account for a relative.</summary>
[Collection(AppCollection.Name)]
public sealed class QuotaTests(FamilyAidApp app)
{
    [Fact]
    public async Task The_sharer_sets_raises_and_lowers_a_quota_and_the_same_amount_twice_changes_nothing()
    {
        // Given a guangdong sharer holding 1 000 yuan who shares with a parent insured in gansu
        var family = await QuotaSteps.CrossProvince(app, sharerFen: 100_000, parentFen: 0);

        // When the sharer sets 600 yuan, the same again, raises to 800 and lowers to 300
        var set = await QuotaSteps.Set(app, family, 60_000);
        var again = await QuotaSteps.Set(app, family, 60_000);
        var raised = await QuotaSteps.Set(app, family, 80_000);
        var lowered = await QuotaSteps.Set(app, family, 30_000);

        // Then each answer shows the quota and what the sharer may still spend, and no money left the account
        Assert.Equal([(60_000L, 40_000L), (60_000L, 40_000L), (80_000L, 20_000L), (30_000L, 70_000L)], new[] { set, again, raised, lowered });
        var statement = await QuotaSteps.Statement(app, family.Authorizer.Id);
        Assert.Equal((100_000L, 30_000L), (statement["balanceFen"]!.GetValue<long>(), statement["reservedFen"]!.GetValue<long>()));

        // And the statement explains each change once (the repeated setting made no line), moving no money
        var lines = statement["entries"]!.AsArray().Select(e => (e!["reason"]!.GetValue<string>(), e["amountFen"]!.GetValue<long>(),
            e["reservedChangeFen"]!.GetValue<long>(), e["reference"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [("quota-set", 0L, -50_000L, family.RelationshipId), ("quota-set", 0L, 20_000L, family.RelationshipId), ("quota-set", 0L, 60_000L, family.RelationshipId)],
            lines);
        await Money.AssertConsistent(app, AccountId.Personal(family.Authorizer.Id));

        // And both people see the quota in their family
        Assert.Equal(30_000, await QuotaSteps.Shown(app, family.Authorizer.Id, family.RelationshipId));
        Assert.Equal(30_000, await QuotaSteps.Shown(app, family.Member.Id, family.RelationshipId));
        // And the sharer's family view tells the balance from what of it is free to spend
        var mine = await FamilySteps.Mine(app, family.Authorizer.Id);
        Assert.Equal((100_000L, 70_000L), (mine["authorizerAccountFen"]!.GetValue<long>(), mine["authorizerAvailableFen"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_quota_beyond_the_unreserved_balance_is_refused_and_only_the_sharer_may_set_one()
    {
        // Given a sharer holding 500 yuan with 300 reserved for their parent
        var family = await QuotaSteps.CrossProvince(app, sharerFen: 50_000, parentFen: 0);
        await QuotaSteps.Set(app, family, 30_000);
        var stranger = await Api.Insured(app);

        // When the sharer asks for 600 yuan, and the parent and a stranger try to set it
        var tooMuch = await QuotaSteps.Put(app, family.Authorizer.Id, family.RelationshipId, 60_000);
        var byParent = await QuotaSteps.Put(app, family.Member.Id, family.RelationshipId, 1_000);
        var byStranger = await QuotaSteps.Put(app, stranger.Id, family.RelationshipId, 1_000);

        // Then the sharer is refused for want of unreserved money, the others find nothing, and the quota is as it was
        await Api.ExpectProblem(tooMuch, HttpStatusCode.UnprocessableEntity, "insufficient-balance");
        await Api.ExpectProblem(byParent, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(byStranger, HttpStatusCode.NotFound, "not-found");
        Assert.Equal(30_000, await QuotaSteps.Shown(app, family.Authorizer.Id, family.RelationshipId));
        // And exactly all of the unreserved balance may still be reserved
        Assert.Equal((50_000L, 0L), await QuotaSteps.Set(app, family, 50_000));
    }

    [Fact]
    public async Task The_parent_settles_own_account_first_then_the_quota_then_cash_and_a_refund_restores_each_leg()
    {
        // Given a sharer holding 500 yuan, all of it reserved for a gansu parent who holds 30 yuan of their own
        var family = await QuotaSteps.CrossProvince(app, sharerFen: 50_000, parentFen: 3_000);
        await QuotaSteps.Set(app, family, 50_000);
        var pharmacy = Money.Institution(app, Money.NewInstitution());

        // When a gansu pharmacy settles a 600-yuan bill against the parent's code
        var (split, quota) = await QuotaSteps.Pay(pharmacy, await Money.Code(app, family.Member), 60_000);

        // Then the parent's own 30 yuan pay first, the quota's 500 next, and 70 yuan are cash
        Assert.Equal((3_000L, 50_000L, 0L, 7_000L), (split.Own, quota, split.Family, split.Cash));
        Assert.Equal(0, await QuotaSteps.Shown(app, family.Authorizer.Id, family.RelationshipId));
        var sharer = await QuotaSteps.Statement(app, family.Authorizer.Id);
        Assert.Equal((0L, 0L), (sharer["balanceFen"]!.GetValue<long>(), sharer["reservedFen"]!.GetValue<long>()));

        // When the pharmacy refunds it
        var refund = await Money.Refund(pharmacy, split.Id);

        // Then the parent's account and the quota get back exactly what each gave
        await Api.Expect(refund, HttpStatusCode.OK);
        Assert.Equal(3_000, await FamilySteps.Balance(app, family.Member.Id));
        Assert.Equal(50_000, await QuotaSteps.Shown(app, family.Authorizer.Id, family.RelationshipId));
        sharer = await QuotaSteps.Statement(app, family.Authorizer.Id);
        Assert.Equal((50_000L, 50_000L), (sharer["balanceFen"]!.GetValue<long>(), sharer["reservedFen"]!.GetValue<long>()));
        await Money.AssertConsistent(app, AccountId.Personal(family.Authorizer.Id));
        await Money.AssertConsistent(app, AccountId.Personal(family.Member.Id));
    }

    [Fact]
    public async Task The_sharers_own_settlements_and_transfers_see_only_the_unreserved_balance()
    {
        // Given a gansu sharer (a pool region) holding 100 yuan, 80 of them reserved for their child
        var family = await FamilySteps.New(app, "gansu", accountFen: 10_000);
        await QuotaSteps.Set(app, family, 8_000);

        // When the sharer pays a 50-yuan bill with their own code, and transfers 50 yuan, then 10, into the pool
        var (split, _) = await QuotaSteps.Pay(Money.Institution(app, Money.NewInstitution()), await Money.Code(app, family.Authorizer), 5_000);
        var transfer = await FamilySteps.Transfer(app, family.Authorizer.Id, 5_000);
        var small = await FamilySteps.Transfer(app, family.Authorizer.Id, 1_000);

        // Then the bill took only the 20 unreserved yuan, the large transfer is refused and no reserved fen moved
        Assert.Equal((2_000L, 3_000L), (split.Own, split.Cash));
        await Api.ExpectProblem(transfer, HttpStatusCode.UnprocessableEntity, "insufficient-balance");
        await Api.ExpectProblem(small, HttpStatusCode.UnprocessableEntity, "insufficient-balance");
        var sharer = await QuotaSteps.Statement(app, family.Authorizer.Id);
        Assert.Equal((8_000L, 8_000L), (sharer["balanceFen"]!.GetValue<long>(), sharer["reservedFen"]!.GetValue<long>()));
        Assert.Equal(8_000, await QuotaSteps.Shown(app, family.Member.Id, family.RelationshipId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ending_the_relationship_by_either_side_returns_what_is_left_of_the_quota(bool bySharer)
    {
        // Given a sharer holding 500 yuan with 300 reserved for their parent, 120 of which the parent has spent
        var family = await QuotaSteps.CrossProvince(app, sharerFen: 50_000, parentFen: 0);
        await QuotaSteps.Set(app, family, 30_000);
        await QuotaSteps.Pay(Money.Institution(app, Money.NewInstitution()), await Money.Code(app, family.Member), 12_000);

        // When one side ends the relationship
        var ended = await app.As(bySharer ? family.Authorizer.Id : family.Member.Id).DeleteAsync($"/api/relationships/{family.RelationshipId}");

        // Then the 180 yuan left are the sharer's to spend again, in one release on their statement
        await Api.Expect(ended, HttpStatusCode.NoContent);
        var sharer = await QuotaSteps.Statement(app, family.Authorizer.Id);
        Assert.Equal((38_000L, 0L), (sharer["balanceFen"]!.GetValue<long>(), sharer["reservedFen"]!.GetValue<long>()));
        var release = sharer["entries"]!.AsArray()[0]!;
        Assert.Equal(("quota-released", 0L, -18_000L), (release["reason"]!.GetValue<string>(), release["amountFen"]!.GetValue<long>(), release["reservedChangeFen"]!.GetValue<long>()));
        // And the quota can no longer be set
        await Api.ExpectProblem(await QuotaSteps.Put(app, family.Authorizer.Id, family.RelationshipId, 1_000), HttpStatusCode.NotFound, "not-found");
        await Money.AssertConsistent(app, AccountId.Personal(family.Authorizer.Id));
    }
}
