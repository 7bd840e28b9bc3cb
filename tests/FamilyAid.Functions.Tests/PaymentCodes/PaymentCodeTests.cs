using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FamilyAid.Functions.Tests.Bindings;
using FamilyAid.Functions.Tests.Families;

namespace FamilyAid.Functions.Tests.PaymentCodes;

/// <summary><c>POST /api/payment-codes</c>: a member or an authorizer gets a short-lived, single-use payment code.</summary>
[Collection(AppCollection.Name)]
public sealed partial class PaymentCodeTests(FamilyAidApp app)
{
    /// <summary>The lifetime docs/API.md gives a code when none is configured.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(120);

    // Opaque base64url: the grant sealed inside it (102 characters when the ids are GUIDs).
    [GeneratedRegex("^[A-Za-z0-9_-]{102}$")]
    private static partial Regex CodeShape();

    private static async Task<JsonNode> Issued(HttpResponseMessage response)
    {
        await Api.Expect(response, HttpStatusCode.Created);
        var body = await Api.Json(response);
        Assert.Matches(CodeShape(), body["code"]!.GetValue<string>());
        return body;
    }

    private Task<HttpResponseMessage> Settle(string code) =>
        Send.Json(app.As("institution-1", "institution", institution: "hospital-1"), "/api/settlements",
            $"{{\"paymentCode\":\"{code}\",\"category\":\"pharmacy\",\"amountFen\":500}}", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_sharing_member_gets_a_code_for_their_relationship_that_expires_120_seconds_from_now()
    {
        // Given the member of a sharing relationship
        var family = await FamilySteps.New(app, "gansu");
        var now = app.Clock.GetUtcNow();

        // When they ask for a payment code (no body)
        var body = await Issued(await app.As(family.Member.Id).PostAsync("/api/payment-codes", null));

        // Then it is bound to their relationship and lives 120 s by the app's clock
        Assert.Equal(family.RelationshipId, body["relationshipId"]!.GetValue<string>());
        Assert.Equal(now + Lifetime, body["expiresAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task The_authorizer_may_get_a_code_too_naming_one_of_their_relationships()
    {
        // Given an authorizer of two relationships
        var first = await FamilySteps.New(app, "gansu");
        var second = await FamilySteps.Bind(app, first.Authorizer, await FamilySteps.Child(app, "gansu"), "gansu");

        // When they ask for a code, once by default and once naming the second relationship
        var byDefault = await Issued(await app.As(first.Authorizer.Id).PostAsync("/api/payment-codes", null));
        var named = await Issued(await app.As(first.Authorizer.Id).PostAsJsonAsync("/api/payment-codes", new { relationshipId = second.RelationshipId }));

        // Then both are issued, each bound to one of their relationships
        Assert.Contains(byDefault["relationshipId"]!.GetValue<string>(), new[] { first.RelationshipId, second.RelationshipId });
        Assert.Equal(second.RelationshipId, named["relationshipId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_json_object_asks_for_the_default_relationship()
    {
        // Given the member of a sharing relationship
        var family = await FamilySteps.New(app, "gansu");

        // When they send {} (as a client that always sends a body does)
        var body = await Issued(await app.As(family.Member.Id).PostAsJsonAsync("/api/payment-codes", new { }));

        // Then the code is bound to their relationship
        Assert.Equal(family.RelationshipId, body["relationshipId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_member_naming_their_own_relationship_gets_a_code_for_it()
    {
        // Given the member of a sharing relationship
        var family = await FamilySteps.New(app, "gansu");

        // When they name it
        var body = await Issued(await app.As(family.Member.Id).PostAsJsonAsync("/api/payment-codes", new { relationshipId = family.RelationshipId }));

        // Then the code is bound to it
        Assert.Equal(family.RelationshipId, body["relationshipId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_person_with_no_relationship_gets_403_not_in_family()
    {
        // Given an insured person in no family (with an open request, which grants nothing yet)
        var person = await Api.Insured(app);
        await Api.CreateBinding(app, person, await Api.Insured(app, insuranceType: "resident"));

        // When they ask for a payment code
        var response = await app.As(person.Id).PostAsync("/api/payment-codes", null);

        // Then they are refused as being in no family
        await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "not-in-family");
    }

    [Fact]
    public async Task A_relationship_that_is_not_the_caller_s_is_404()
    {
        // Given two families
        var mine = await FamilySteps.New(app, "gansu");
        var theirs = await FamilySteps.New(app, "gansu");

        // When a member names the other family's relationship, or one that does not exist
        var other = await app.As(mine.Member.Id).PostAsJsonAsync("/api/payment-codes", new { relationshipId = theirs.RelationshipId });
        var unknown = await app.As(mine.Member.Id).PostAsJsonAsync("/api/payment-codes", new { relationshipId = "no-such-relationship" });

        // Then neither exists for them
        await Api.ExpectProblem(other, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(unknown, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Several_codes_may_be_live_at_once_and_each_pays_once()
    {
        // Given the member of a sharing relationship
        var family = await FamilySteps.New(app, "gansu");

        // When they ask for three codes in a row
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await Issued(await app.As(family.Member.Id).PostAsync("/api/payment-codes", null)))["code"]!.GetValue<string>());
        }

        // Then the codes are distinct, and every one of them (oldest first) still pays a bill, once
        Assert.Equal(3, codes.Distinct().Count());
        foreach (var code in codes)
        {
            await Api.Expect(await Settle(code), HttpStatusCode.Created);
        }

        await Api.ExpectProblem(await Settle(codes[0]), (HttpStatusCode)422, "invalid-payment-code");
    }

    [Theory]
    [InlineData("institution")]
    [InlineData("reviewer")]
    [InlineData("admin")]
    public async Task Callers_who_are_not_applicants_get_403(string role)
    {
        // Given a caller of a staff or institution role, even one whose id is a family member's
        var family = await FamilySteps.New(app, "gansu");
        var client = app.As(family.Member.Id, role, region: role == "reviewer" ? "gansu" : null, institution: role == "institution" ? "hospital-1" : null);

        // When they ask for a payment code
        var response = await client.PostAsync("/api/payment-codes", null);

        // Then they are refused
        await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_malformed_body_is_400()
    {
        // Given the member of a sharing relationship
        var family = await FamilySteps.New(app, "gansu");

        // When the body is not the request's JSON
        var response = await Send.Json(app.As(family.Member.Id), "/api/payment-codes", "{\"relationshipId\":42}");

        // Then it is refused as invalid JSON
        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-json");
    }
}
