using System.Text.Json.Nodes;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Tests.Families;
using FamilyAid.Functions.Tests.Quotas;
using FamilyAid.Functions.Tests.Settlements;

namespace FamilyAid.Functions.Tests.Premiums;

/// <summary><c>POST /api/premiums</c>: a guangdong sharer pays a gansu parent's premium (代缴).</summary>
[Collection(AppCollection.Name)]
public sealed class PremiumTests(FamilyAidApp app)
{
    [Fact]
    public async Task A_premium_is_paid_from_the_quota_when_it_holds_the_amount_once_and_audited()
    {
        // Given a sharer holding 1 000 yuan with 500 reserved for the parent
        var family = await QuotaSteps.CrossProvince(app, sharerFen: 100_000, parentFen: 0);
        await QuotaSteps.Set(app, family, 50_000);

        // When the sharer pays the parent's 380-yuan resident premium
        var response = await Pay(family.Authorizer.Id, Body(family, 38_000), Key());

        // Then it is paid wholly from the quota, one premium line, and audited
        var paid = await Created(response);
        Assert.Equal((38_000L, 0L), (paid["quotaFen"]!.GetValue<long>(), paid["accountFen"]!.GetValue<long>()));
        Assert.Equal(12_000, await QuotaSteps.Shown(app, family.Authorizer.Id, family.RelationshipId));
        var statement = await QuotaSteps.Statement(app, family.Authorizer.Id);
        Assert.Equal((62_000L, 12_000L), (statement["balanceFen"]!.GetValue<long>(), statement["reservedFen"]!.GetValue<long>()));
        Assert.Single(statement["entries"]!.AsArray(), e => e!["reason"]!.GetValue<string>() == "premium");
        await Money.AssertConsistent(app, AccountId.Personal(family.Authorizer.Id));
        var audit = await app.Admin().GetAsync($"/api/admin/audit?subject={paid["id"]!.GetValue<string>()}");
        await Api.Expect(audit, HttpStatusCode.OK);
        Assert.Equal("premium-paid", Assert.Single((await Api.Json(audit)).AsArray())!["action"]!.GetValue<string>());

        // And a second payment for the same person, scheme and year, with another key, amount or source, is refused
        await Api.ExpectProblem(await Pay(family.Authorizer.Id, Body(family, 38_000), Key()), HttpStatusCode.Conflict, "premium-already-paid");
        await Api.ExpectProblem(await Pay(family.Authorizer.Id, Body(family, 20_000), Key()), HttpStatusCode.Conflict, "premium-already-paid");
        Assert.Equal(62_000, (await QuotaSteps.Statement(app, family.Authorizer.Id))["balanceFen"]!.GetValue<long>());
    }

    [Fact]
    public async Task Without_a_quota_the_account_pays_and_the_same_key_replays_the_first_answer()
    {
        // Given a sharer holding 500 yuan and no quota for the parent
        var family = await QuotaSteps.CrossProvince(app, sharerFen: 50_000, parentFen: 0);
        var key = Key();

        // When the sharer pays a 300-yuan premium twice under one key
        var first = await Created(await Pay(family.Authorizer.Id, Body(family, 30_000), key));
        var again = await Created(await Pay(family.Authorizer.Id, Body(family, 30_000), key));

        // Then the account paid it, the replay is the same answer, and one line was posted
        Assert.Equal((0L, 30_000L), (first["quotaFen"]!.GetValue<long>(), first["accountFen"]!.GetValue<long>()));
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        var statement = await QuotaSteps.Statement(app, family.Authorizer.Id);
        Assert.Equal(20_000, statement["balanceFen"]!.GetValue<long>());
        Assert.Single(statement["entries"]!.AsArray(), e => e!["reason"]!.GetValue<string>() == "premium");

        // And the same key with another body is a conflict
        await Api.ExpectProblem(await Pay(family.Authorizer.Id, Body(family, 1_000), key), HttpStatusCode.Conflict, "idempotency-conflict");
    }

    [Fact]
    public async Task Only_the_sharer_pays_what_they_hold_for_an_allowed_scheme_and_year()
    {
        // Given a sharer holding 100 yuan (guangdong: resident premiums only) and a stranger
        var family = await QuotaSteps.CrossProvince(app, sharerFen: 10_000, parentFen: 0);
        var stranger = await Api.Insured(app);

        // When the parent, a stranger and the sharer (too much, long-term care, last year) try
        var byParent = await Pay(family.Member.Id, Body(family, 100), Key());
        var byStranger = await Pay(stranger.Id, Body(family, 100), Key());
        var tooMuch = await Pay(family.Authorizer.Id, Body(family, 10_001), Key());
        var longTermCare = await Pay(family.Authorizer.Id, Body(family, 100, "long-term-care"), Key());
        var lastYear = await Pay(family.Authorizer.Id, Body(family, 100, year: Year() - 1), Key());

        // Then the others find no relative, the sharer is refused, and nothing moved
        await Api.ExpectProblem(byParent, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(byStranger, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(tooMuch, HttpStatusCode.UnprocessableEntity, "insufficient-balance");
        await Api.ExpectProblem(longTermCare, HttpStatusCode.UnprocessableEntity, "premium-not-allowed");
        await Api.ExpectProblem(lastYear, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal(10_000, (await QuotaSteps.Statement(app, family.Authorizer.Id))["balanceFen"]!.GetValue<long>());
    }

    [Fact]
    public async Task Two_concurrent_payments_with_different_keys_pay_once()
    {
        // Given a sharer holding 1 000 yuan, 500 of them reserved for the parent
        var family = await QuotaSteps.CrossProvince(app, sharerFen: 100_000, parentFen: 0);
        await QuotaSteps.Set(app, family, 50_000);

        // When two payments of next year's premium race, one that fits the quota and one that does not but fits the
        // unreserved 500 yuan (each could be paid alone, so only the key can refuse the second)
        var answers = await Task.WhenAll(
            Pay(family.Authorizer.Id, Body(family, 30_000, year: Year() + 1), Key()),
            Pay(family.Authorizer.Id, Body(family, 40_000, year: Year() + 1), Key()));

        // Then exactly one is paid, the other is already paid, and the money moved once
        var statuses = answers.Select(a => a.StatusCode).Order().ToList();
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], statuses);
        var statement = await QuotaSteps.Statement(app, family.Authorizer.Id);
        Assert.Single(statement["entries"]!.AsArray(), e => e!["reason"]!.GetValue<string>() == "premium");
        await Money.AssertConsistent(app, AccountId.Personal(family.Authorizer.Id));
    }

    private Task<HttpResponseMessage> Pay(string callerId, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/premiums") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return app.As(callerId).SendAsync(request);
    }

    private object Body(Family family, long amountFen, string scheme = "resident", int? year = null) =>
        new { forPersonId = family.Member.Id, scheme, year = year ?? Year(), amountFen };

    private int Year() => Age.ChinaDate(app.Clock.GetUtcNow()).Year;

    private static string Key() => Guid.NewGuid().ToString("N");

    private static async Task<JsonNode> Created(HttpResponseMessage response)
    {
        await Api.Expect(response, HttpStatusCode.Created);
        return await Api.Json(response);
    }
}
