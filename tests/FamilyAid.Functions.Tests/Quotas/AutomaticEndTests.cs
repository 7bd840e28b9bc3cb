using Azure.Data.Tables;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Tests.Families;
using FamilyAid.Functions.Tests.Settlements;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Quotas;

/// <summary>A report through <c>POST /api/admin/insured</c> that ends a person's insurance or moves its region ends every
/// relationship they are in: the quota returns, payment codes stop, both people are told.</summary>
[Collection(AppCollection.Name)]
public sealed class AutomaticEndTests(FamilyAidApp app)
{
    private Task<HttpResponseMessage> Report(Person person, string status, string region, long accountFen) =>
        app.Admin().PostAsJsonAsync("/api/admin/insured", new
        {
            residentId = person.ResidentId, name = person.Name, phone = person.Phone, insuranceType = "employee", status, region,
            personalAccountFen = accountFen,
        });

    private static async Task<bool> Notified(FamilyAidApp app, string personId, string relationshipId)
    {
        var response = await app.As(personId).GetAsync("/api/notifications");
        await Api.Expect(response, HttpStatusCode.OK);
        return (await Api.Json(response)).AsArray().Any(n =>
            n!["bindingId"]!.GetValue<string>() == relationshipId && n["template"]!.GetValue<string>() == "relationship-ended");
    }

    // The relationship is gone on both sides, its quota released to the sharer, its code refused, both people told.
    private static async Task AssertEnded(FamilyAidApp app, Family family, string code, long sharerFen)
    {
        var store = app.Services.GetRequiredService<RelationshipStore>();
        Assert.Null(await store.Find(family.Member.Id, family.RelationshipId, default));
        Assert.Null(await store.Find(family.Authorizer.Id, family.RelationshipId, default));
        var sharer = await QuotaSteps.Statement(app, family.Authorizer.Id);
        Assert.Equal((sharerFen, 0L), (sharer["balanceFen"]!.GetValue<long>(), sharer["reservedFen"]!.GetValue<long>()));
        Assert.Equal("quota-released", sharer["entries"]!.AsArray()[0]!["reason"]!.GetValue<string>());
        var settle = await Money.Settle(Money.Institution(app, Money.NewInstitution()), code, 1_000, "pharmacy");
        await Api.ExpectProblem(settle, HttpStatusCode.UnprocessableEntity, "invalid-payment-code");
        Assert.True(await Notified(app, family.Authorizer.Id, family.RelationshipId));
        Assert.True(await Notified(app, family.Member.Id, family.RelationshipId));
        await Money.AssertConsistent(app, AccountId.Personal(family.Authorizer.Id));
    }

    [Theory]
    [InlineData("suspended", "gansu")]
    [InlineData("normal", "guangdong")]
    public async Task The_parents_insurance_ending_or_moving_region_ends_the_relationship_and_returns_the_quota(string status, string region)
    {
        // Given a guangdong sharer holding 500 yuan who reserved 300 for a parent insured in gansu, and a live code of the parent's
        var family = await QuotaSteps.CrossProvince(app, sharerFen: 50_000, parentFen: 0);
        await QuotaSteps.Set(app, family, 30_000);
        var code = await Money.Code(app, family.Member);

        // When the platform reports the parent's insurance ended, or moved to another region
        await Api.Expect(await Report(family.Member, status, region, 0), HttpStatusCode.Created);

        // Then the relationship has ended by itself: the 300 yuan are the sharer's again, the code stops, both are told
        await AssertEnded(app, family, code, 50_000);
    }

    [Fact]
    public async Task An_import_line_ending_the_parents_insurance_ends_the_relationship_as_the_admin_route_does()
    {
        // Given a guangdong sharer with 300 yuan reserved for a parent insured in gansu, and a live code of the parent's
        var family = await QuotaSteps.CrossProvince(app, sharerFen: 50_000, parentFen: 0);
        await QuotaSteps.Set(app, family, 30_000);
        var code = await Money.Code(app, family.Member);

        // When the platform's file says the parent's insurance ended (平台同步: the same path as POST /api/admin/insured)
        var view = await PlatformSync.ImportFiles.Import(app, PlatformSync.ImportFiles.File(
            $"{{\"op\":\"end-insurance\",\"residentId\":\"{family.Member.ResidentId}\"}}"));
        Assert.Equal(1, PlatformSync.ImportFiles.Count(view, "applied"));

        // Then the relationship has ended by itself: the quota is the sharer's again, the code stops, both are told
        await AssertEnded(app, family, code, 50_000);
    }

    [Fact]
    public async Task Ends_a_crashed_report_left_owed_are_finished_by_the_timer()
    {
        // Given a sharer with 200 yuan reserved for a parent, and a report that wrote its change and the ends it owes,
        // then stopped (the row it writes with the change, as a crash right after the write leaves it)
        // (an app of its own: the test moves the clock, and the shared app's own timers would run beside it)
        await using var app = new PrivateApp();
        var family = await QuotaSteps.CrossProvince(app, sharerFen: 40_000, parentFen: 0);
        await QuotaSteps.Set(app, family, 20_000);
        var code = await Money.Code(app, family.Member);
        var tables = app.Services.GetRequiredService<Tables>();
        await tables.Insured.AddEntityAsync(new TableEntity(family.Member.Id, Keys.EndsOwed("crashed-" + Guid.NewGuid().ToString("N")))
        {
            ["At"] = app.Clock.GetUtcNow(), ["Why"] = "insurance ended",
        });

        // When the timer runs once the report is overdue
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await Money.RunTimer(app, "FinishRelationshipEnds");

        // Then the relationship has ended as the report would have ended it, and a second run does nothing more
        await AssertEnded(app, family, code, 40_000);
        var lines = (await QuotaSteps.Statement(app, family.Authorizer.Id))["entries"]!.AsArray().Count;
        await Money.RunTimer(app, "FinishRelationshipEnds");
        Assert.Equal(lines, (await QuotaSteps.Statement(app, family.Authorizer.Id))["entries"]!.AsArray().Count);
    }
}
