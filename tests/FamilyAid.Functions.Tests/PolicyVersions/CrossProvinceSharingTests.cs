namespace FamilyAid.Functions.Tests.PolicyVersions;

/// <summary>Sharing with a relative insured in another province (跨省共济), judged by the national version in force.</summary>
[Collection(AppCollection.Name)]
public sealed class CrossProvinceSharingTests(FamilyAidApp app)
{
    [Theory]
    [InlineData("national")]
    [InlineData("guangdong")]
    public async Task A_guangdong_employee_shares_with_a_parent_insured_in_gansu_without_agency_review(string region)
    {
        // Given a guangdong employee and a parent insured in gansu, on 2026-11-24 (after the 2026-01-09 notice)
        var sharer = await Api.Insured(app, region: "guangdong");
        var parent = await Api.Insured(app, region: "gansu", insuranceType: "resident", birthDate: new DateOnly(1955, 4, 1));

        // When the sharer asks to share with the parent and hands in guangdong's documents
        var id = await Api.CreateBinding(app, sharer, parent, region: region, relation: "parent");
        await Api.UploadAll(app, sharer, id);
        var submitted = await app.As(sharer.Id).PostAsync($"/api/bindings/{id}/submit", null);

        // Then the national 2026 version judges it: no agency review, straight to the parent's face check
        await Api.Expect(submitted, HttpStatusCode.Accepted);
        var view = await Api.Json(await app.As(sharer.Id).GetAsync($"/api/bindings/{id}"));
        Assert.Equal("awaiting-face-check", view["status"]!.GetValue<string>());
        Assert.Equal("national-2026", view["policyVersion"]!.GetValue<string>());
        Assert.Equal("national-2026", view["timeline"]![0]!["policyVersion"]!.GetValue<string>());
        Assert.Equal(region, view["region"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_same_province_request_names_its_region_s_version_in_its_timeline()
    {
        // Given a guangdong employee and a guangdong sibling (allowed since the 2024 widening)
        var sharer = await Api.Insured(app, region: "guangdong");
        var sibling = await Api.Insured(app, region: "guangdong", insuranceType: "resident");

        // When the request is opened and read
        var id = await Api.CreateBinding(app, sharer, sibling, relation: "sibling");
        var view = await Api.Json(await app.As(sharer.Id).GetAsync($"/api/bindings/{id}"));

        // Then it is judged by guangdong's 2024 version, and its requested entry says so
        Assert.Equal("guangdong-2024", view["policyVersion"]!.GetValue<string>());
        var requested = view["timeline"]!.AsArray().Single(e => e!["event"]!.GetValue<string>() == "requested");
        Assert.Equal("guangdong-2024", requested!["policyVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_resident_insured_sharer_may_not_share_across_provinces()
    {
        var sharer = await Api.Insured(app, region: "guangdong", insuranceType: "resident");
        var parent = await Api.Insured(app, region: "gansu", insuranceType: "resident");

        var response = await app.As(sharer.Id).PostAsJsonAsync("/api/bindings", Api.BindingBody(parent, region: "national", relation: "parent"));

        await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "authorizer-not-eligible");
    }
}
