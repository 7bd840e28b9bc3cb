using FamilyAid.Functions.Tests.Institutions;
using FamilyAid.Functions.Tests.Proxy;
using FamilyAid.Functions.Tests.RemoteRegistrations;
using FamilyAid.Functions.Tests.Settlements;

namespace FamilyAid.Functions.Tests.Journeys;

/// <summary>Issue 11 end to end: a proxy (亲情账户) files a temporary 异地就医备案 for a parent and shows the parent's
/// e-voucher at a pharmacy in another province, which charges the parent's own account only.</summary>
[Collection(AppCollection.Name)]
public sealed class ProxyAbroadJourneyTests(FamilyAidApp app)
{
    [Fact]
    public async Task A_proxy_files_for_a_gansu_parent_and_shows_her_code_at_a_shenzhen_pharmacy()
    {
        // Given a gansu proxy (1 000 yuan) acting for a gansu parent (200 yuan of her own), and a designated pharmacy in Shenzhen
        var family = await ProxySteps.ProxyForParent(app, parentFen: 20_000);
        var pharmacy = await InstitutionSteps.Desk(app, kind: "pharmacy", region: "guangdong", cityCode: "440300");
        var key = Money.NewKey();
        var body = Money.Body(await ProxySteps.Code(app, family), 5_000, "pharmacy");

        // When the pharmacy settles her e-voucher before any registration
        var refused = await Money.Post(pharmacy, body, key);

        // Then it is refused (她在外省就医, 未备案) and nothing moved
        await Api.ExpectProblem(refused, HttpStatusCode.UnprocessableEntity, "no-remote-registration");
        Assert.Equal(20_000, (await Money.StatementOf(app, family.Member)).BalanceFen);

        // And when the proxy files temporary-other to Shenzhen for her (gansu: 承诺制, active at once) and the desk tries again
        var filed = await Registrations.Filed(app, family.Authorizer, Registrations.Body(app, cityCode: "440300", forPersonId: family.Member.Id));
        Assert.Equal(("active", family.Member.Id), (Registrations.Status(filed), filed["personId"]!.GetValue<string>()));
        var settled = await Money.Created(await Money.Post(pharmacy, body, key));

        // Then her own account pays the whole bill; the proxy's account is untouched, and she sees both actions in her name
        Assert.Equal((5_000L, 0L, 0L), (settled.Own, settled.Family, settled.Cash));
        Assert.Equal(15_000, (await Money.StatementOf(app, family.Member)).BalanceFen);
        Assert.Equal(100_000, (await Money.StatementOf(app, family.Authorizer)).BalanceFen);
        var actions = (await ProxySteps.Actions(app, family.Member.Id))["actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()).ToList();
        Assert.Contains("e-voucher-shown", actions);
        Assert.Contains("remote-registration-filed", actions);
    }
}
