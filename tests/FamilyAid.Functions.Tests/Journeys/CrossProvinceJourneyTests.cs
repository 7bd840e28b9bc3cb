using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Tests.Institutions;
using FamilyAid.Functions.Tests.Quotas;
using FamilyAid.Functions.Tests.Settlements;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Journeys;

/// <summary>Issue 12 end to end: a guangdong employee shares with a parent insured in gansu (跨省共济) through a reserved
/// 共济额度, which pays a gansu pharmacy and a resident premium, and comes back when the parent's insurance moves region.</summary>
[Collection(AppCollection.Name)]
public sealed class CrossProvinceJourneyTests(FamilyAidApp app)
{
    [Fact]
    public async Task Quota_set_spent_at_a_gansu_pharmacy_and_on_a_premium_then_returned_when_the_parent_moves_region()
    {
        // Given a guangdong sharer holding 500 yuan and a parent insured in gansu with nothing of her own, bound across provinces
        var family = await QuotaSteps.CrossProvince(app, sharerFen: 50_000, parentFen: 0);

        // When the sharer reserves 300 yuan for her
        Assert.Equal((30_000L, 20_000L), await QuotaSteps.Set(app, family, 30_000));

        // And she pays 100 yuan at a gansu pharmacy: the quota pays, never the sharer's unreserved account
        var pharmacy = await InstitutionSteps.Desk(app, kind: "pharmacy", region: "gansu", cityCode: "620100");
        var (split, quotaFen) = await QuotaSteps.Pay(pharmacy, await Money.Code(app, family.Member), 10_000);
        Assert.Equal((0L, 0L, 10_000L), (split.Own, split.Cash, quotaFen));

        // And the sharer pays her 50-yuan resident premium for this year (代缴), which the quota holds
        var premium = new HttpRequestMessage(HttpMethod.Post, "/api/premiums")
        {
            Content = JsonContent.Create(new { forPersonId = family.Member.Id, scheme = "resident", year = Age.ChinaDate(app.Clock.GetUtcNow()).Year, amountFen = 5_000 }),
        };
        premium.Headers.Add("Idempotency-Key", Money.NewKey());
        await Api.Expect(await app.As(family.Authorizer.Id).SendAsync(premium), HttpStatusCode.Created);

        // And the platform reports that her insurance moved to guangdong
        var moved = await app.Admin().PostAsJsonAsync("/api/admin/insured", new
        {
            residentId = family.Member.ResidentId, name = family.Member.Name, phone = family.Member.Phone, insuranceType = "employee",
            status = "normal", region = "guangdong", personalAccountFen = 0,
        });
        await Api.Expect(moved, HttpStatusCode.Created);

        // Then the relationship has ended by itself, and the 150 yuan left of the quota are the sharer's again
        var relationships = app.Services.GetRequiredService<RelationshipStore>();
        await Api.Eventually(async () => await relationships.Find(family.Authorizer.Id, family.RelationshipId, default) is null, "the relationship to end");
        Assert.Null(await relationships.Find(family.Member.Id, family.RelationshipId, default));
        var statement = await QuotaSteps.Statement(app, family.Authorizer.Id);
        Assert.Equal((35_000L, 0L), (statement["balanceFen"]!.GetValue<long>(), statement["reservedFen"]!.GetValue<long>()));
        await Money.AssertConsistent(app, AccountId.Personal(family.Authorizer.Id));
    }
}
