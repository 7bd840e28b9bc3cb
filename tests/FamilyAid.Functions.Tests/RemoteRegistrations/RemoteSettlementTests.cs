using FamilyAid.Functions.Tests.Families;
using FamilyAid.Functions.Tests.Institutions;
using FamilyAid.Functions.Tests.Settlements;

namespace FamilyAid.Functions.Tests.RemoteRegistrations;

/// <summary>Settlement meets 备案: in another province than the payer's, a registration covering the day, or an emergency.</summary>
[Collection(AppCollection.Name)]
public sealed class RemoteSettlementTests(FamilyAidApp app)
{
    [Fact]
    public async Task A_gansu_member_at_a_guangdong_pharmacy_is_refused_until_a_registration_is_filed_then_the_same_request_settles()
    {
        // Given a gansu family with 100 yuan in its pool, whose member shows a code at a guangdong pharmacy
        var family = await FamilySteps.New(app, "gansu");
        await Money.Transfer(app, family.Authorizer, 10_000);
        var pharmacy = await InstitutionSteps.Desk(app, kind: "pharmacy", region: "guangdong", cityCode: "440300");
        var code = await Money.Code(app, family.Member);
        var key = Money.NewKey();
        var body = Money.Body(code, 2_000, "pharmacy");

        // When it settles without a registration
        var refused = await Money.Post(pharmacy, body, key);

        // Then 422 no-remote-registration, and nothing moved
        await Api.ExpectProblem(refused, HttpStatusCode.UnprocessableEntity, "no-remote-registration");
        Assert.Equal(10_000, (await Money.StatementOf(app, family.Authorizer, "pool")).BalanceFen);

        // And when the member files temporary-other to Shenzhen (gansu: 承诺制, active at once) and the desk sends the same request again
        var filed = await Registrations.Filed(app, family.Member, Registrations.Body(app, cityCode: "440300"));
        Assert.Equal("active", Registrations.Status(filed));
        var settled = await Money.Post(pharmacy, body, key);

        // Then it settles at the pharmacy, in guangdong, from the pool
        await Api.Expect(settled, HttpStatusCode.Created);
        Assert.Equal("440300", (await Api.Json(settled))["cityCode"]!.GetValue<string>());
        Assert.Equal(8_000, (await Money.StatementOf(app, family.Authorizer, "pool")).BalanceFen);
    }

    [Fact]
    public async Task An_emergency_needs_no_registration_and_a_registration_elsewhere_does_not_cover()
    {
        // Given a gansu member with a registration to Beijing, at a guangdong hospital
        var family = await FamilySteps.New(app, "gansu");
        await Registrations.Filed(app, family.Member, Registrations.Body(app, provinceCode: "11", cityCode: "110105"));
        var hospital = await InstitutionSteps.Desk(app, region: "guangdong");
        var code = await Money.Code(app, family.Member);

        // When it settles outpatient care, then it is refused; and an emergency with the same code settles
        await Api.ExpectProblem(await Money.Settle(hospital, code, 3_000), HttpStatusCode.UnprocessableEntity, "no-remote-registration");
        await Money.Pay(hospital, code, 3_000, "emergency");
    }

    [Fact]
    public async Task A_back_filed_registration_covers_a_stay_that_began_before_it()
    {
        // Given a gansu member admitted to a guangdong hospital 20 days ago without a registration
        var family = await FamilySteps.New(app, "gansu");
        var hospital = await InstitutionSteps.Desk(app, region: "guangdong");

        // When they file (补办) with the admission day as start date, before discharge
        var filed = await Registrations.Filed(app, family.Member, Registrations.Body(app, startInDays: -20));

        // Then the inpatient bill settles directly, and the registration runs six months from the admission day
        await Money.Pay(hospital, await Money.Code(app, family.Member), 8_000, "inpatient");
        Assert.Equal(Registrations.Today(app).AddDays(-20).AddMonths(6).ToString("O"), filed["validUntil"]!.GetValue<string>());
    }
}
