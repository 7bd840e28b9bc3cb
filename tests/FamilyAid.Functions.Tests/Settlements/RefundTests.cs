using Azure.Data.Tables;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Settlements;

/// <summary><c>POST /api/settlements/{id}/refund</c>: exactly what was debited comes back, once; only the settling
/// institution may ask; and both steps are audited.</summary>
[Collection(AppCollection.Name)]
public sealed class RefundTests(FamilyAidApp app)
{
    /// <summary>A 100-yuan bill paid 30 by the member's own account, 50 by the authorizer's, 20 in cash.</summary>
    private async Task<(Person Authorizer, Person Member, HttpClient Hospital, string Institution, Split Split)> Settled()
    {
        var authorizer = await Api.Insured(app, personalAccountFen: 5_000);
        var member = await Api.Insured(app, personalAccountFen: 3_000);
        await Money.BindGuangdong(app, authorizer, member);
        var institution = Money.NewInstitution();
        var hospital = Money.Institution(app, institution);
        var split = await Money.Pay(hospital, await Money.Code(app, member), 10_000, "inpatient");
        Assert.Equal((3_000L, 5_000L, 2_000L), (split.Own, split.Family, split.Cash));
        return (authorizer, member, hospital, institution, split);
    }

    [Fact]
    public async Task A_refund_restores_exactly_what_each_account_paid_and_asking_again_moves_nothing_more()
    {
        // Given a settled bill
        var (authorizer, member, hospital, _, split) = await Settled();

        // When the hospital refunds it
        var refund = await Money.Refund(hospital, split.Id);

        // Then 200 refunded, with the split that was restored
        await Api.Expect(refund, HttpStatusCode.OK);
        Assert.Equal(split with { Status = "refunded" }, Money.Read(await Api.Json(refund)));

        // And each account got back exactly its debit, shown as a refund referencing the settlement
        var mine = await Money.StatementOf(app, member);
        Assert.Equal(3_000, mine.BalanceFen);
        Assert.Equal([new Line(2, 3_000, 3_000, "refund", split.Id), new Line(1, -3_000, 0, "settlement", split.Id)], mine.Lines);
        var theirs = await Money.StatementOf(app, authorizer);
        Assert.Equal(5_000, theirs.BalanceFen);
        Assert.Equal([new Line(2, 5_000, 5_000, "refund", split.Id), new Line(1, -5_000, 0, "settlement", split.Id)], theirs.Lines);

        // When it is asked again, twice
        foreach (var again in new[] { await Money.Refund(hospital, split.Id), await Money.Refund(hospital, split.Id) })
        {
            // Then 200 refunded again, and nothing more moved
            await Api.Expect(again, HttpStatusCode.OK);
            Assert.Equal(split with { Status = "refunded" }, Money.Read(await Api.Json(again)));
        }

        Assert.Equal(2, (await Money.StatementOf(app, member)).Lines.Count);
        Assert.Equal(2, (await Money.StatementOf(app, authorizer)).Lines.Count);
        await Money.AssertConsistent(app, AccountId.Personal(member.Id));
        await Money.AssertConsistent(app, AccountId.Personal(authorizer.Id));
    }

    [Fact]
    public async Task Ten_concurrent_refunds_restore_the_money_once()
    {
        var (authorizer, member, hospital, _, split) = await Settled();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Money.Refund(hospital, split.Id)));

        foreach (var answer in answers)
        {
            await Api.Expect(answer, HttpStatusCode.OK);
            Assert.Equal("refunded", Money.Read(await Api.Json(answer)).Status);
        }

        Assert.Single((await Money.StatementOf(app, member)).Lines, l => l.Reason == "refund");
        Assert.Single((await Money.StatementOf(app, authorizer)).Lines, l => l.Reason == "refund");
        Assert.Equal(3_000, (await Money.StatementOf(app, member)).BalanceFen);
        Assert.Equal(5_000, (await Money.StatementOf(app, authorizer)).BalanceFen);
        Assert.Single(await Money.Audit(app, split.Id), e => e["action"]!.GetValue<string>() == "settlement-refunded");
    }

    [Fact]
    public async Task A_refund_of_a_bill_paid_only_in_cash_moves_nothing_and_says_refunded()
    {
        // Given a pharmacy bill of an empty-handed resident member whose authorizer's account is empty
        var authorizer = await Api.Insured(app, personalAccountFen: 0);
        var member = await Api.Insured(app, insuranceType: "resident");
        await Money.BindGuangdong(app, authorizer, member);
        var hospital = Money.Institution(app, Money.NewInstitution());
        var split = await Money.Pay(hospital, await Money.Code(app, member), 1_999, "pharmacy");
        Assert.Equal((0L, 0L, 1_999L), (split.Own, split.Family, split.Cash));

        // When it is refunded
        var refund = await Money.Refund(hospital, split.Id);

        // Then it is refunded and no account has an entry
        await Api.Expect(refund, HttpStatusCode.OK);
        Assert.Equal("refunded", Money.Read(await Api.Json(refund)).Status);
        Assert.Empty((await Money.StatementOf(app, authorizer)).Lines);
        Assert.Empty((await Money.StatementOf(app, member)).Lines);
    }

    [Fact]
    public async Task A_refund_restores_money_to_the_accounts_even_after_they_were_spent_again()
    {
        // Given a settled bill, and then another bill that finds both accounts empty
        var (authorizer, member, hospital, _, split) = await Settled();
        await Money.Pay(hospital, await Money.Code(app, member), 500);

        // When the first is refunded, then a new bill is settled
        await Api.Expect(await Money.Refund(hospital, split.Id), HttpStatusCode.OK);
        var after = await Money.Pay(hospital, await Money.Code(app, member), 9_000);

        // Then the refunded money pays again: own 30, family 50, cash 10
        Assert.Equal((3_000L, 5_000L, 1_000L), (after.Own, after.Family, after.Cash));
        await Money.AssertConsistent(app, AccountId.Personal(member.Id));
        await Money.AssertConsistent(app, AccountId.Personal(authorizer.Id));
    }

    [Fact]
    public async Task Another_institution_gets_404_and_an_unknown_id_gets_404_and_nothing_moves()
    {
        var (authorizer, member, _, _, split) = await Settled();
        var other = Money.Institution(app, Money.NewInstitution());

        await Api.ExpectProblem(await Money.Refund(other, split.Id), HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(await Money.Refund(other, Guid.NewGuid().ToString("N")), HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(await Money.Refund(other, "not an id!"), HttpStatusCode.NotFound, "not-found");

        Assert.DoesNotContain((await Money.StatementOf(app, member)).Lines, l => l.Reason == "refund");
        Assert.DoesNotContain((await Money.StatementOf(app, authorizer)).Lines, l => l.Reason == "refund");
    }

    [Fact]
    public async Task The_id_of_a_transfer_is_not_a_settlement_and_cannot_be_refunded()
    {
        var authorizer = await Api.Insured(app, region: "gansu", personalAccountFen: 5_000);
        var child = await Api.Insured(app, region: "gansu", insuranceType: "resident", birthDate: new DateOnly(2018, 1, 1));
        await Money.BindGansu(app, authorizer, child, relation: "child");
        var transfer = await Money.Transfer(app, authorizer, 1_000);

        await Api.ExpectProblem(await Money.Refund(Money.Institution(app, Money.NewInstitution()), transfer), HttpStatusCode.NotFound, "not-found");

        Assert.Equal(1_000, (await Money.StatementOf(app, authorizer, "pool")).BalanceFen);
        Assert.Equal(4_000, (await Money.StatementOf(app, authorizer)).BalanceFen);
    }

    [Fact]
    public async Task Only_an_institution_may_refund_and_a_member_or_admin_is_forbidden()
    {
        var (authorizer, member, _, _, split) = await Settled();

        foreach (var caller in new[] { app.As(member.Id), app.As(authorizer.Id), app.Admin(), app.Reviewer("guangdong") })
        {
            await Api.ExpectProblem(await Money.Refund(caller, split.Id), HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Money.Refund(app.Anonymous(), split.Id)).StatusCode);
        Assert.DoesNotContain((await Money.StatementOf(app, member)).Lines, l => l.Reason == "refund");
    }

    [Fact]
    public async Task A_settlement_and_its_refund_are_audited_with_the_institution_as_actor()
    {
        // Given a settlement
        var (_, _, hospital, institution, split) = await Settled();

        // Then the audit trail of the settlement holds one "settlement" entry by the institution
        var trail = await Money.Audit(app, split.Id);
        var settled = Assert.Single(trail);
        Assert.Equal("settlement", settled["action"]!.GetValue<string>());
        Assert.Equal("institution", settled["actorRole"]!.GetValue<string>());
        Assert.Equal($"{institution}-cashier", settled["actorId"]!.GetValue<string>());
        Assert.Equal(split.Id, settled["subject"]!.GetValue<string>());

        // When it is refunded (twice)
        await Api.Expect(await Money.Refund(hospital, split.Id), HttpStatusCode.OK);
        await Api.Expect(await Money.Refund(hospital, split.Id), HttpStatusCode.OK);

        // Then one "settlement-refunded" entry by the institution is added (this app's clock stands still, so the
        // two entries share an instant and their order is not asserted)
        trail = await Money.Audit(app, split.Id);
        Assert.Equal(["settlement", "settlement-refunded"], trail.Select(e => e["action"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var refunded = Assert.Single(trail, e => e["action"]!.GetValue<string>() == "settlement-refunded");
        Assert.Equal(("institution", $"{institution}-cashier"), (refunded["actorRole"]!.GetValue<string>(), refunded["actorId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_refused_settlement_leaves_no_audit_entry_for_a_settlement()
    {
        // Given a member's payment code and a hospital of its own (so every audit entry by its cashier is this test's)
        var authorizer = await Api.Insured(app, personalAccountFen: 5_000);
        var member = await Api.Insured(app, insuranceType: "resident");
        await Money.BindGuangdong(app, authorizer, member);
        var code = await Money.Code(app, member);
        var institution = Money.NewInstitution();
        var hospital = Money.Institution(app, institution);

        // When the hospital is refused a bill (a category accounts never pay), then settles one with the same code
        await Api.ExpectProblem(await Money.Settle(hospital, code, 100, "fitness"), (HttpStatusCode)422, "category-not-covered");
        var paid = await Money.Pay(hospital, code, 100);

        // Then across the whole audit table, and the entries kept beside money movements, the cashier has exactly one
        // "settlement" entry: the paid one, none for the refusal
        var tables = app.Services.GetRequiredService<Tables>();
        var byCashier = new List<TableEntity>();
        foreach (var table in new[] { tables.Audit, tables.Movements })
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ActorId eq {institution + "-cashier"}")))
            {
                byCashier.Add(row);
            }
        }

        var settled = Assert.Single(byCashier, e => e.GetString("Action") == "settlement");
        Assert.Equal(paid.Id, settled.GetString("Subject"));
        Assert.Equal(paid.Id, settled.PartitionKey);
    }
}
