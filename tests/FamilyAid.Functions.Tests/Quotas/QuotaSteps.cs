using System.Text.Json.Nodes;
using FamilyAid.Functions.Tests.Families;
using FamilyAid.Functions.Tests.Settlements;

namespace FamilyAid.Functions.Tests.Quotas;

/// <summary>Steps of the quota tests: a guangdong sharer and a parent insured in gansu, quotas set through the API.</summary>
public static class QuotaSteps
{
    /// <summary>A guangdong employee holding <paramref name="sharerFen"/> who shares with a parent insured (employee) in
    /// gansu holding <paramref name="parentFen"/> of their own, bound through the normal flow.</summary>
    public static async Task<Family> CrossProvince(FamilyAidApp app, long sharerFen, long parentFen)
    {
        var sharer = await Api.Insured(app, region: "guangdong", personalAccountFen: sharerFen);
        var parent = await Api.Insured(app, region: "gansu", personalAccountFen: parentFen);
        return await FamilySteps.Bind(app, sharer, parent, "guangdong", relation: "parent");
    }

    /// <summary><c>PUT /api/relationships/{id}/quota</c> as <paramref name="callerId"/>.</summary>
    public static Task<HttpResponseMessage> Put(FamilyAidApp app, string callerId, string relationshipId, long amountFen) =>
        app.As(callerId).PutAsJsonAsync($"/api/relationships/{relationshipId}/quota", new { amountFen });

    /// <summary>Sets the quota and returns (quotaFen, availableFen) from the 200 answer.</summary>
    public static async Task<(long QuotaFen, long AvailableFen)> Set(FamilyAidApp app, Family family, long amountFen)
    {
        var response = await Put(app, family.Authorizer.Id, family.RelationshipId, amountFen);
        await Api.Expect(response, HttpStatusCode.OK);
        var body = await Api.Json(response);
        return (body["quotaFen"]!.GetValue<long>(), body["availableFen"]!.GetValue<long>());
    }

    /// <summary>The quota <c>GET /api/families/mine</c> shows <paramref name="personId"/> for the family's relationship.</summary>
    public static async Task<long?> Shown(FamilyAidApp app, string personId, string relationshipId) =>
        (await FamilySteps.Mine(app, personId))["members"]!.AsArray()
            .Single(m => m!["relationshipId"]!.GetValue<string>() == relationshipId)!["quotaFen"]?.GetValue<long>();

    /// <summary>The caller's personal statement page: balance, reserved part and lines (newest first) as JSON.</summary>
    public static async Task<JsonNode> Statement(FamilyAidApp app, string personId)
    {
        var response = await app.As(personId).GetAsync("/api/accounts/mine/entries?take=200");
        await Api.Expect(response, HttpStatusCode.OK);
        return await Api.Json(response);
    }

    /// <summary>A settlement's quota part from its 201 answer, with the split.</summary>
    public static async Task<(Split Split, long QuotaFen)> Pay(HttpClient institution, string code, long amountFen, string category = "pharmacy")
    {
        var response = await Money.Settle(institution, code, amountFen, category);
        await Api.Expect(response, HttpStatusCode.Created);
        var body = await Api.Json(response);
        return (Money.Read(body), body["quotaFen"]!.GetValue<long>());
    }
}
