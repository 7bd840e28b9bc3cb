using System.Text.Json.Nodes;
using FamilyAid.Functions.Tests.Bindings;
using FamilyAid.Functions.Tests.Families;

namespace FamilyAid.Functions.Tests.Proxy;

/// <summary>Steps for the proxy (亲情账户) tests: a proxy relationship made through the API, the e-voucher, a settlement.</summary>
public static class ProxySteps
{
    /// <summary>A gansu proxy with 100 000 fen acting for an employee-insured parent with <paramref name="parentFen"/> fen,
    /// approved and active (the parent passed their face check).</summary>
    public static async Task<Family> ProxyForParent(FamilyAidApp app, long parentFen = 300)
    {
        var proxy = await FamilySteps.Authorizer(app, "gansu", 100_000);
        var parent = await Api.Insured(app, region: "gansu", insuranceType: "employee", personalAccountFen: parentFen);
        return await FamilySteps.Bind(app, proxy, parent, kind: "proxy", relation: "parent");
    }

    /// <summary><c>GET /api/proxy/{personId}/e-voucher</c> as <paramref name="callerId"/>.</summary>
    public static Task<HttpResponseMessage> EVoucher(FamilyAidApp app, string callerId, string personId) =>
        app.As(callerId).GetAsync($"/api/proxy/{personId}/e-voucher");

    /// <summary>The code of an e-voucher the proxy of <paramref name="family"/> shows for its member.</summary>
    public static async Task<string> Code(FamilyAidApp app, Family family)
    {
        var response = await EVoucher(app, family.Authorizer.Id, family.Member.Id);
        await Api.Expect(response, HttpStatusCode.OK);
        return (await Api.Json(response))["code"]!.GetValue<string>();
    }

    /// <summary>A pharmacy settles <paramref name="amountFen"/> with <paramref name="code"/>.</summary>
    public static Task<HttpResponseMessage> Settle(FamilyAidApp app, string code, long amountFen = 1_000) =>
        Send.Json(app.As("pharmacy-desk-1", "institution", institution: "pharmacy-1"), "/api/settlements",
            $"{{\"paymentCode\":\"{code}\",\"category\":\"pharmacy\",\"amountFen\":{amountFen}}}", Guid.NewGuid().ToString("N"));

    /// <summary>The caller's proxy actions page.</summary>
    public static async Task<JsonNode> Actions(FamilyAidApp app, string callerId, string query = "")
    {
        var response = await app.As(callerId).GetAsync($"/api/me/proxy-actions{query}");
        await Api.Expect(response, HttpStatusCode.OK);
        return await Api.Json(response);
    }
}
