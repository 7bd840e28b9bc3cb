using FamilyAid.Functions.Tests.Families;
using FamilyAid.Functions.Tests.Settlements;

namespace FamilyAid.Functions.Tests.Institutions;

/// <summary>定点医药机构: recorded by the admin; only a designated one valid today settles, within its kind, and the
/// settlement says where.</summary>
[Collection(AppCollection.Name)]
public sealed class InstitutionTests(FamilyAidApp app)
{
    [Fact]
    public async Task Recording_is_an_idempotent_upsert_that_answers_what_it_recorded()
    {
        // Given an institution id
        var id = InstitutionSteps.NewId();

        // When the admin records it twice with the same body
        var first = await InstitutionSteps.Put(app, id, kind: "pharmacy", cityCode: "440300");
        var second = await InstitutionSteps.Put(app, id, kind: "pharmacy", cityCode: "440300");

        // Then both answer 200 with the same record
        await Api.Expect(first, HttpStatusCode.OK);
        await Api.Expect(second, HttpStatusCode.OK);
        var body = await Api.Json(second);
        Assert.Equal("pharmacy", body["kind"]!.GetValue<string>());
        Assert.Equal("440300", body["cityCode"]!.GetValue<string>());
        Assert.Equal((await Api.Json(first)).ToJsonString(), body.ToJsonString());
    }

    [Theory]
    [InlineData("guangdong", "999999", "unknown-division")]
    [InlineData("guangdong", "620100", "unknown-division")]
    [InlineData("canton", "440100", "invalid-request")]
    public async Task A_city_outside_the_division_list_or_the_province_is_refused(string region, string cityCode, string code)
    {
        // When the admin records an institution with a city code that is unknown, of another province, or an unknown region
        var response = await InstitutionSteps.Put(app, InstitutionSteps.NewId(), region: region, cityCode: cityCode);

        // Then it is refused with a clear code
        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, code);
    }

    [Theory]
    [InlineData(false, "2026-01-01", null)]
    [InlineData(true, "2026-12-01", null)]
    [InlineData(true, "2025-01-01", "2026-11-23")]
    public async Task An_institution_not_designated_today_gets_403_and_the_code_still_pays(bool designated, string validFrom, string? validTo)
    {
        // Given a family member with a code, and an institution not designated, not yet valid, or no longer valid (today is 2026-11-24)
        var family = await FamilySteps.New(app, "guangdong");
        var code = await Money.Code(app, family.Member);
        var id = InstitutionSteps.NewId();
        await Api.Expect(await InstitutionSteps.Put(app, id, designated: designated, validFrom: validFrom, validTo: validTo), HttpStatusCode.OK);

        // When it settles
        var response = await Money.Settle(app.As("desk", "institution", institution: id), code, 1_000);

        // Then 403 institution-not-designated, and the code still pays at a designated one
        await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "institution-not-designated");
        await Money.Pay(await InstitutionSteps.Desk(app), code, 1_000);
    }

    [Fact]
    public async Task A_pharmacy_settles_pharmacy_bills_only()
    {
        // Given a guangdong pharmacy and a guangdong family member with a code
        var pharmacy = await InstitutionSteps.Desk(app, kind: "pharmacy", cityCode: "440300");
        var family = await FamilySteps.New(app, "guangdong");
        var code = await Money.Code(app, family.Member);

        // When it settles inpatient care, then 422 category-not-allowed-for-institution
        await Api.ExpectProblem(await Money.Settle(pharmacy, code, 5_000, "inpatient"), HttpStatusCode.UnprocessableEntity, "category-not-allowed-for-institution");

        // And the same code then pays a pharmacy bill there, which records the pharmacy's province and city
        var paid = await Money.Settle(pharmacy, code, 5_000, "pharmacy");
        await Api.Expect(paid, HttpStatusCode.Created);
        var body = await Api.Json(paid);
        Assert.Equal("guangdong", body["region"]!.GetValue<string>());
        Assert.Equal("440300", body["cityCode"]!.GetValue<string>());
    }
}
