using System.Text.Json.Nodes;
using FamilyAid.Functions.Relationships;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Families;

/// <summary>An active relationship made through the API: its authorizer, its member, and its id (the id of the
/// binding request that granted it).</summary>
public sealed record Family(Person Authorizer, Person Member, string RelationshipId);

/// <summary>Steps that bring families into being through the API, for the family, money and settlement tests.</summary>
public static class FamilySteps
{
    /// <summary>A birth date under 16 at the fixture's clock: such a member binds without a face check, on the 户口本
    /// pages and the agency's review.</summary>
    public static readonly DateOnly ChildBirthDate = new(2016, 6, 1);

    /// <summary>A new employee-insured authorizer of <paramref name="region"/> (a guangdong one for "national", whose
    /// platform serves every region) with <paramref name="accountFen"/> on their personal account.</summary>
    public static Task<Person> Authorizer(FamilyAidApp app, string region = "gansu", long accountFen = 100_000) =>
        Api.Insured(app, region: region == "national" ? "guangdong" : region, insuranceType: "employee", personalAccountFen: accountFen);

    /// <summary>A new resident-insured child under 16 of <paramref name="region"/>.</summary>
    public static Task<Person> Child(FamilyAidApp app, string region = "gansu") =>
        Api.Insured(app, region: region == "national" ? "guangdong" : region, insuranceType: "resident", birthDate: ChildBirthDate);

    /// <summary>A new authorizer and a new child under 16 bound in <paramref name="region"/>, approved and active.</summary>
    public static async Task<Family> New(FamilyAidApp app, string region = "gansu", string kind = "sharing", long accountFen = 100_000)
    {
        var authorizer = await Authorizer(app, region, accountFen);
        var member = await Child(app, region);
        return await Bind(app, authorizer, member, region, kind);
    }

    /// <summary>Binds <paramref name="member"/> to <paramref name="authorizer"/> and drives the request to approved:
    /// the documents the request asks for (for an adult none in gansu, where the commitment is confirmed in the app, nor
    /// for a proxy; for a child under 16 the 户口本 pages), the agency's approval where it reviews (always for a child
    /// under 16), the member's face check (with the mocked provider's pass) where their age needs one; then waits until the relationship is active on both sides (activation is an effect run from
    /// the queue after the approval).</summary>
    public static async Task<Family> Bind(
        FamilyAidApp app, Person authorizer, Person member, string region = "gansu", string kind = "sharing", string relation = "child")
    {
        var client = app.As(authorizer.Id);
        var create = await client.PostAsJsonAsync("/api/bindings", Api.BindingBody(member, kind, region, relation, commitmentConfirmed: region == "gansu"));
        await Api.Expect(create, HttpStatusCode.Created);
        var created = await Api.Json(create);
        var id = created["id"]!.GetValue<string>();
        foreach (var type in created["requiredDocuments"]!.AsArray().Select(d => d!.GetValue<string>()))
        {
            await Api.Expect(await Api.Upload(client, id, type, Api.Jpeg()), HttpStatusCode.Created);
        }

        var submit = await client.PostAsync($"/api/bindings/{id}/submit", null);
        await Api.Expect(submit, HttpStatusCode.Accepted);
        var status = (await Api.Json(submit))["status"]!.GetValue<string>();
        if (status == "in-review")
        {
            var decision = await app.Reviewer(region).PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve", reason = "户口本 matches" });
            await Api.Expect(decision, HttpStatusCode.OK);
            status = (await Api.Json(decision))["status"]!.GetValue<string>();
        }

        if (status == "awaiting-face-check")
        {
            var start = await app.As(member.Id).PostAsJsonAsync($"/api/bindings/{id}/face-check", new { consent = true });
            await Api.Expect(start, HttpStatusCode.Created);
            var callback = await Api.FaceCheckCallback(app, (await Api.Json(start))["sessionId"]!.GetValue<string>(), "pass", 0.97);
            await Api.Expect(callback, HttpStatusCode.OK);
            status = (await Api.Json(callback))["status"]!.GetValue<string>();
        }

        Assert.Equal("approved", status);
        await Active(app, member.Id, id);
        await Active(app, authorizer.Id, id);
        return new Family(authorizer, member, id);
    }

    /// <summary>Waits (up to 15 s) until relationship <paramref name="relationshipId"/> is active on <paramref name="personId"/>'s side.</summary>
    public static async Task Active(FamilyAidApp app, string personId, string relationshipId)
    {
        var store = app.Services.GetRequiredService<RelationshipStore>();
        await Api.Eventually(async () => await store.Find(personId, relationshipId, default) is not null, $"relationship {relationshipId} to be active");
    }

    /// <summary><c>GET /api/families/mine</c> as <paramref name="personId"/>, expecting 200.</summary>
    public static async Task<JsonNode> Mine(FamilyAidApp app, string personId)
    {
        var response = await app.As(personId).GetAsync("/api/families/mine");
        await Api.Expect(response, HttpStatusCode.OK);
        return await Api.Json(response);
    }

    /// <summary><c>POST /api/transfers</c> of <paramref name="amountFen"/> by <paramref name="authorizerId"/> under <paramref name="key"/>
    /// (a fresh one when null).</summary>
    public static Task<HttpResponseMessage> Transfer(FamilyAidApp app, string authorizerId, long amountFen, string? key = null) =>
        Transfer(app, authorizerId, $"{{\"amountFen\":{amountFen}}}", key ?? Guid.NewGuid().ToString("N"));

    /// <summary><c>POST /api/transfers</c> with this raw JSON body and key (no header when <paramref name="key"/> is null).</summary>
    public static Task<HttpResponseMessage> Transfer(FamilyAidApp app, string authorizerId, string json, string? key) =>
        Bindings.Send.Json(app.As(authorizerId), "/api/transfers", json, key);

    /// <summary>A completed transfer of <paramref name="amountFen"/> into the authorizer's pool; returns the transfer's id.</summary>
    public static async Task<string> Transferred(FamilyAidApp app, string authorizerId, long amountFen)
    {
        var response = await Transfer(app, authorizerId, amountFen);
        await Api.Expect(response, HttpStatusCode.Created);
        return (await Api.Json(response))["id"]!.GetValue<string>();
    }

    /// <summary>A payment code issued to <paramref name="personId"/> (their default relationship, or
    /// <paramref name="relationshipId"/> when given, which the answer must name).</summary>
    public static async Task<string> PaymentCode(FamilyAidApp app, string personId, string? relationshipId = null)
    {
        var client = app.As(personId);
        var response = relationshipId is null
            ? await client.PostAsync("/api/payment-codes", null)
            : await client.PostAsJsonAsync("/api/payment-codes", new { relationshipId });
        await Api.Expect(response, HttpStatusCode.Created);
        var body = await Api.Json(response);
        if (relationshipId is not null)
        {
            Assert.Equal(relationshipId, body["relationshipId"]!.GetValue<string>());
        }

        return body["code"]!.GetValue<string>();
    }

    /// <summary>The balance of <paramref name="personId"/>'s personal account (or <c>pool</c>) from their statement.</summary>
    public static async Task<long> Balance(FamilyAidApp app, string personId, string account = "personal")
    {
        var response = await app.As(personId).GetAsync($"/api/accounts/mine/entries?account={account}&take=1");
        await Api.Expect(response, HttpStatusCode.OK);
        return (await Api.Json(response))["balanceFen"]!.GetValue<long>();
    }
}
