using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Tests.Settlements;

/// <summary>How a bill is split (own account first, then the family account, the rest in cash), and how each
/// person's statement shows exactly the debits.</summary>
[Collection(AppCollection.Name)]
public sealed class SettlementSplitTests(FamilyAidApp app)
{
    [Fact]
    public async Task In_guangdong_an_employee_member_pays_own_account_first_then_the_authorizers_account_then_cash()
    {
        // Given a guangdong authorizer holding 50 yuan and an employee-insured member holding 30 yuan of their own
        var authorizer = await Api.Insured(app, personalAccountFen: 5_000);
        var member = await Api.Insured(app, personalAccountFen: 3_000);
        await Money.BindGuangdong(app, authorizer, member);
        var hospital = Money.Institution(app, Money.NewInstitution());

        // When a hospital settles a 100-yuan outpatient bill against the member's code
        var split = await Money.Pay(hospital, await Money.Code(app, member), 10_000);

        // Then the member's own 30 yuan pay first, the authorizer's 50 yuan next, and 20 yuan are cash
        Assert.Equal(("completed", 3_000L, 5_000L, 2_000L), (split.Status, split.Own, split.Family, split.Cash));

        // And each statement shows exactly that debit, as a settlement, referencing the settlement
        var mine = await Money.StatementOf(app, member);
        Assert.Equal(0, mine.BalanceFen);
        Assert.Equal(new Line(1, -3_000, 0, "settlement", split.Id), Assert.Single(mine.Lines));
        var theirs = await Money.StatementOf(app, authorizer);
        Assert.Equal(0, theirs.BalanceFen);
        Assert.Equal(new Line(1, -5_000, 0, "settlement", split.Id), Assert.Single(theirs.Lines));
        await Money.AssertConsistent(app, AccountId.Personal(member.Id));
        await Money.AssertConsistent(app, AccountId.Personal(authorizer.Id));

        // And a second bill finds both accounts empty: all of it is cash, and no statement changes
        var second = await Money.Pay(hospital, await Money.Code(app, member), 1_234, "pharmacy");
        Assert.Equal((0L, 0L, 1_234L), (second.Own, second.Family, second.Cash));
        Assert.Single((await Money.StatementOf(app, member)).Lines);
        Assert.Single((await Money.StatementOf(app, authorizer)).Lines);
    }

    [Fact]
    public async Task An_own_account_that_covers_the_bill_pays_all_of_it_and_the_family_account_is_not_touched()
    {
        // Given an employee member holding 100 yuan in a guangdong family
        var authorizer = await Api.Insured(app, personalAccountFen: 8_000);
        var member = await Api.Insured(app, personalAccountFen: 10_000);
        await Money.BindGuangdong(app, authorizer, member, relation: "spouse");

        // When a pharmacy settles 42.50 yuan
        var split = await Money.Pay(Money.Institution(app, Money.NewInstitution()), await Money.Code(app, member), 4_250, "pharmacy");

        // Then the member's own account pays it all; the authorizer's account has no entry and keeps its balance
        Assert.Equal((4_250L, 0L, 0L), (split.Own, split.Family, split.Cash));
        Assert.Equal(new Line(1, -4_250, 5_750, "settlement", split.Id), Assert.Single((await Money.StatementOf(app, member)).Lines));
        var theirs = await Money.StatementOf(app, authorizer);
        Assert.Equal(8_000, theirs.BalanceFen);
        Assert.Empty(theirs.Lines);
    }

    [Fact]
    public async Task A_resident_insured_member_has_no_own_part_even_when_their_record_carries_a_balance()
    {
        // Given a resident-insured member (no personal account to pay from, although the record says 100 yuan)
        // of a guangdong authorizer holding 60 yuan
        var authorizer = await Api.Insured(app, personalAccountFen: 6_000);
        var member = await Api.Insured(app, insuranceType: "resident", personalAccountFen: 10_000);
        await Money.BindGuangdong(app, authorizer, member, relation: "parent");
        var hospital = Money.Institution(app, Money.NewInstitution());

        // When two bills of 25 and 50 yuan are settled
        var first = await Money.Pay(hospital, await Money.Code(app, member), 2_500, "inpatient");
        var second = await Money.Pay(hospital, await Money.Code(app, member), 5_000);

        // Then the member's own part is 0 both times; the family pays 25, then the 35 left, and 15 yuan are cash
        Assert.Equal((0L, 2_500L, 0L), (first.Own, first.Family, first.Cash));
        Assert.Equal((0L, 3_500L, 1_500L), (second.Own, second.Family, second.Cash));
        var mine = await Money.StatementOf(app, member);
        Assert.Equal(10_000, mine.BalanceFen);
        Assert.Empty(mine.Lines);
        var theirs = await Money.StatementOf(app, authorizer);
        Assert.Equal(0, theirs.BalanceFen);
        Assert.Equal(
            [new Line(2, -3_500, 0, "settlement", second.Id), new Line(1, -2_500, 3_500, "settlement", first.Id)],
            theirs.Lines);
        await Money.AssertConsistent(app, AccountId.Personal(authorizer.Id));
    }

    [Fact]
    public async Task In_gansu_the_family_part_comes_from_the_pool_the_authorizer_funded_and_never_from_their_own_account()
    {
        // Given a gansu authorizer with 200 yuan who transferred 60 yuan into the pool, and an employee sibling with 10 yuan
        var authorizer = await Api.Insured(app, region: "gansu", personalAccountFen: 20_000);
        var member = await Api.Insured(app, region: "gansu", personalAccountFen: 1_000);
        await Money.BindGansu(app, authorizer, member);
        var transfer = await Money.Transfer(app, authorizer, 6_000);
        var hospital = Money.Institution(app, Money.NewInstitution());

        // When bills of 50 and 50 yuan are settled
        var first = await Money.Pay(hospital, await Money.Code(app, member), 5_000);
        var second = await Money.Pay(hospital, await Money.Code(app, member), 5_000, "inpatient");

        // Then own 10 + pool 40, then pool 20 + cash 30
        Assert.Equal((1_000L, 4_000L, 0L), (first.Own, first.Family, first.Cash));
        Assert.Equal((0L, 2_000L, 3_000L), (second.Own, second.Family, second.Cash));

        // And the pool's statement shows the transfer in and the two debits; the authorizer's own account only the transfer out
        var pool = await Money.StatementOf(app, authorizer, "pool");
        Assert.Equal(0, pool.BalanceFen);
        Assert.Equal(
            [
                new Line(3, -2_000, 0, "settlement", second.Id),
                new Line(2, -4_000, 2_000, "settlement", first.Id),
                new Line(1, 6_000, 6_000, "transfer-in", transfer),
            ],
            pool.Lines);
        var own = await Money.StatementOf(app, authorizer);
        Assert.Equal(14_000, own.BalanceFen);
        Assert.Equal(new Line(1, -6_000, 14_000, "transfer-out", transfer), Assert.Single(own.Lines));
        Assert.Equal(new Line(1, -1_000, 0, "settlement", first.Id), Assert.Single((await Money.StatementOf(app, member)).Lines));
        await Money.AssertConsistent(app, AccountId.Pool(authorizer.Id));
        await Money.AssertConsistent(app, AccountId.Personal(authorizer.Id));

        // And the family view shows the same balances
        var family = await Api.Json(await app.As(authorizer.Id).GetAsync("/api/families/mine"));
        Assert.Equal((0L, 14_000L), (family["poolFen"]!.GetValue<long>(), family["authorizerAccountFen"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_gansu_member_whose_authorizer_never_funded_the_pool_pays_the_rest_in_cash()
    {
        // Given a gansu child under 16 (binds without a face check), resident-insured, and an authorizer who made no transfer
        var authorizer = await Api.Insured(app, region: "gansu", personalAccountFen: 50_000);
        var child = await Api.Insured(app, region: "gansu", insuranceType: "resident", birthDate: new DateOnly(2015, 3, 9));
        await Money.BindGansu(app, authorizer, child, relation: "child");

        // When a bill is settled
        var split = await Money.Pay(Money.Institution(app, Money.NewInstitution()), await Money.Code(app, child), 880, "pharmacy");

        // Then nothing comes from the authorizer's own account: the empty pool pays nothing and the bill is cash
        Assert.Equal((0L, 0L, 880L), (split.Own, split.Family, split.Cash));
        Assert.Equal(50_000, (await Money.StatementOf(app, authorizer)).BalanceFen);
        Assert.Empty((await Money.StatementOf(app, authorizer)).Lines);
        Assert.Empty((await Money.StatementOf(app, authorizer, "pool")).Lines);
    }

    [Fact]
    public async Task A_bill_larger_than_every_account_together_is_settled_with_the_rest_in_cash_never_refused()
    {
        // Given a member with 1 fen and an authorizer with 2 fen
        var authorizer = await Api.Insured(app, personalAccountFen: 2);
        var member = await Api.Insured(app, personalAccountFen: 1);
        await Money.BindGuangdong(app, authorizer, member);

        // When the largest bill the API accepts is settled
        var split = await Money.Pay(Money.Institution(app, Money.NewInstitution()), await Money.Code(app, member), 100_000_000, "inpatient");

        // Then it succeeds: 1 + 2 fen from accounts, the rest cash, the parts adding up to the bill
        Assert.Equal((1L, 2L, 99_999_997L), (split.Own, split.Family, split.Cash));
        Assert.Equal(100_000_000, split.Total);
        Assert.Equal(0, (await Money.StatementOf(app, member)).BalanceFen);
        Assert.Equal(0, (await Money.StatementOf(app, authorizer)).BalanceFen);
    }

    [Fact]
    public async Task The_authorizer_paying_with_their_own_code_pays_only_from_their_own_account()
    {
        // Given a guangdong authorizer with 20 yuan and a member
        var authorizer = await Api.Insured(app, personalAccountFen: 2_000);
        var member = await Api.Insured(app, insuranceType: "resident");
        await Money.BindGuangdong(app, authorizer, member);

        // When the authorizer shows their own code for a 30-yuan bill
        var split = await Money.Pay(Money.Institution(app, Money.NewInstitution()), await Money.Code(app, authorizer), 3_000);

        // Then it is their own account (no family part), the rest cash
        Assert.Equal((2_000L, 0L, 1_000L), (split.Own, split.Family, split.Cash));
        Assert.Equal(new Line(1, -2_000, 0, "settlement", split.Id), Assert.Single((await Money.StatementOf(app, authorizer)).Lines));
    }

    [Fact]
    public async Task A_proxy_relationship_never_moves_family_money_even_when_the_proxy_holds_plenty()
    {
        // Given a guangdong proxy (亲情账户) holding 500 yuan, acting for an employee relative who holds 10 yuan
        var proxy = await Api.Insured(app, personalAccountFen: 50_000);
        var relative = await Api.Insured(app, personalAccountFen: 1_000);
        var relationship = await Money.BindGuangdong(app, proxy, relative, kind: "proxy", relation: "parent");

        // When the relative's code (bound to the proxy relationship) pays a 30-yuan bill
        var split = await Money.Pay(Money.Institution(app, Money.NewInstitution()), await Money.Code(app, relative, relationship), 3_000);

        // Then only the relative's own account pays; the family part is 0 and the proxy's account is untouched
        Assert.Equal((1_000L, 0L, 2_000L), (split.Own, split.Family, split.Cash));
        var proxies = await Money.StatementOf(app, proxy);
        Assert.Equal(50_000, proxies.BalanceFen);
        Assert.Empty(proxies.Lines);
        Assert.Equal(new Line(1, -1_000, 0, "settlement", split.Id), Assert.Single((await Money.StatementOf(app, relative)).Lines));
    }

    [Fact]
    public async Task A_member_who_is_both_sharing_member_and_proxy_member_spends_family_money_only_through_the_sharing_code()
    {
        // Given a resident-insured relative bound to the same guangdong authorizer (60 yuan) both for sharing and by proxy
        var authorizer = await Api.Insured(app, personalAccountFen: 6_000);
        var relative = await Api.Insured(app, insuranceType: "resident");
        var sharing = await Money.BindGuangdong(app, authorizer, relative, relation: "parent");
        var proxy = await Money.BindGuangdong(app, authorizer, relative, kind: "proxy", relation: "parent");
        var hospital = Money.Institution(app, Money.NewInstitution());

        // When the relative pays one bill with a code of the proxy relationship, and one with a code of the sharing one
        var viaProxy = await Money.Pay(hospital, await Money.Code(app, relative, proxy), 2_000);
        var viaSharing = await Money.Pay(hospital, await Money.Code(app, relative, sharing), 2_000);

        // Then the proxy code moved nothing (all cash), the sharing code paid from the authorizer's account
        Assert.Equal((0L, 0L, 2_000L), (viaProxy.Own, viaProxy.Family, viaProxy.Cash));
        Assert.Equal((0L, 2_000L, 0L), (viaSharing.Own, viaSharing.Family, viaSharing.Cash));
        Assert.Equal(new Line(1, -2_000, 4_000, "settlement", viaSharing.Id), Assert.Single((await Money.StatementOf(app, authorizer)).Lines));
    }

    [Fact]
    public async Task A_code_whose_relationship_has_ended_is_refused_and_moves_nothing()
    {
        // Given a member who got a code while their sharing relationship was active
        var authorizer = await Api.Insured(app, personalAccountFen: 9_000);
        var member = await Api.Insured(app, personalAccountFen: 1_000);
        var relationship = await Money.BindGuangdong(app, authorizer, member);
        var code = await Money.Code(app, member);

        // When the authorizer ends the relationship and a hospital then settles with that code
        await Api.Expect(await app.As(authorizer.Id).DeleteAsync($"/api/relationships/{relationship}"), HttpStatusCode.NoContent);
        var answer = await Money.Settle(Money.Institution(app, Money.NewInstitution()), code, 5_000);

        // Then the code is invalid, and neither account moved
        await Api.ExpectProblem(answer, (HttpStatusCode)422, "invalid-payment-code");
        foreach (var (person, balance) in new[] { (member, 1_000L), (authorizer, 9_000L) })
        {
            var statement = await Money.StatementOf(app, person);
            Assert.Equal(balance, statement.BalanceFen);
            Assert.Empty(statement.Lines);
        }
    }

    [Fact]
    public async Task A_code_is_refused_once_the_member_has_ended_the_relationship_themselves()
    {
        // Given a gansu member with a code, and money in the pool
        var authorizer = await Api.Insured(app, region: "gansu", personalAccountFen: 9_000);
        var member = await Api.Insured(app, region: "gansu", insuranceType: "resident", birthDate: new DateOnly(2014, 8, 1));
        var relationship = await Money.BindGansu(app, authorizer, member, relation: "child");
        await Money.Transfer(app, authorizer, 4_000);
        var code = await Money.Code(app, member);

        // When the member leaves the family and the code is then used
        await Api.Expect(await app.As(member.Id).DeleteAsync($"/api/relationships/{relationship}"), HttpStatusCode.NoContent);
        var answer = await Money.Settle(Money.Institution(app, Money.NewInstitution()), code, 1_000);

        // Then it is refused and the pool keeps its 40 yuan
        await Api.ExpectProblem(answer, (HttpStatusCode)422, "invalid-payment-code");
        var pool = await Money.StatementOf(app, authorizer, "pool");
        Assert.Equal(4_000, pool.BalanceFen);
        Assert.DoesNotContain(pool.Lines, l => l.Reason == "settlement");
    }
}
