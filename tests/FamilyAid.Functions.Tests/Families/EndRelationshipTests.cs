using System.Text.Json.Nodes;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Families;

/// <summary><c>DELETE /api/relationships/{id}</c>: the authorizer or that member ends a relationship at once.</summary>
[Collection(AppCollection.Name)]
public sealed class EndRelationshipTests(FamilyAidApp app)
{
    private Task<HttpResponseMessage> End(string callerId, string relationshipId) =>
        app.As(callerId).DeleteAsync($"/api/relationships/{relationshipId}");

    private async Task<List<string>> ListedRelationships(string personId) =>
        (await FamilySteps.Mine(app, personId))["members"]!.AsArray().Select(m => m!["relationshipId"]!.GetValue<string>()).ToList();

    private async Task<JsonArray> Notifications(string personId)
    {
        var response = await app.As(personId).GetAsync("/api/notifications");
        await Api.Expect(response, HttpStatusCode.OK);
        return (await Api.Json(response)).AsArray();
    }

    private static bool IsEndedNotice(JsonNode? n, string relationshipId) =>
        n!["bindingId"]!.GetValue<string>() == relationshipId && n["template"]!.GetValue<string>() == "relationship-ended";

    [Fact]
    public async Task The_authorizer_ends_a_relationship_and_the_group_no_longer_lists_it()
    {
        // Given a gansu authorizer with two sharing members
        var ended = await FamilySteps.New(app, "gansu");
        var kept = await FamilySteps.Bind(app, ended.Authorizer, await FamilySteps.Child(app, "gansu"), "gansu");
        Assert.Equal(new[] { ended.RelationshipId, kept.RelationshipId }.Order(), (await ListedRelationships(ended.Authorizer.Id)).Order());

        // When the authorizer ends the first
        var response = await End(ended.Authorizer.Id, ended.RelationshipId);

        // Then it is gone from the group at once, the other stays, and the former member is in no group
        await Api.Expect(response, HttpStatusCode.NoContent);
        Assert.Equal([kept.RelationshipId], await ListedRelationships(ended.Authorizer.Id));
        Assert.Equal([kept.RelationshipId], await ListedRelationships(kept.Member.Id));
        await Api.ExpectProblem(await app.As(ended.Member.Id).GetAsync("/api/families/mine"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_member_ends_a_relationship_and_a_second_end_by_either_person_is_404()
    {
        // Given an active gansu relationship
        var family = await FamilySteps.New(app, "gansu");

        // When the member ends it, and then both people try again
        var first = await End(family.Member.Id, family.RelationshipId);
        var again = await End(family.Member.Id, family.RelationshipId);
        var byAuthorizer = await End(family.Authorizer.Id, family.RelationshipId);

        // Then the first ends it and the others find nothing to end
        await Api.Expect(first, HttpStatusCode.NoContent);
        await Api.ExpectProblem(again, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(byAuthorizer, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(await app.As(family.Authorizer.Id).GetAsync("/api/families/mine"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_stranger_gets_404_and_the_relationship_stays()
    {
        // Given an active relationship and an insured stranger (who authorizes a group of their own)
        var family = await FamilySteps.New(app, "gansu");
        var stranger = await FamilySteps.New(app, "gansu");

        // When the stranger tries to end it, and someone asks for an id that does not exist
        var response = await End(stranger.Authorizer.Id, family.RelationshipId);
        var unknown = await End(family.Authorizer.Id, "no-such-relationship");

        // Then neither exists for them, and the relationship is still active
        await Api.ExpectProblem(response, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(unknown, HttpStatusCode.NotFound, "not-found");
        Assert.Equal([family.RelationshipId], await ListedRelationships(family.Authorizer.Id));
        Assert.Equal([family.RelationshipId], await ListedRelationships(family.Member.Id));
    }

    [Fact]
    public async Task A_second_member_of_the_same_group_gets_404_for_a_sibling_s_relationship_and_it_stays()
    {
        // Given an authorizer with two sharing members, where the second sees the first's relationship id in their group
        var sibling = await FamilySteps.New(app, "gansu");
        var other = await FamilySteps.Bind(app, sibling.Authorizer, await FamilySteps.Child(app, "gansu"), "gansu");
        Assert.Contains(sibling.RelationshipId, await ListedRelationships(other.Member.Id));

        // When the second member tries to end the first member's relationship
        var response = await End(other.Member.Id, sibling.RelationshipId);

        // Then it does not exist for them, nobody is told it ended, and both relationships are still active
        await Api.ExpectProblem(response, HttpStatusCode.NotFound, "not-found");
        foreach (var person in new[] { sibling.Authorizer.Id, sibling.Member.Id, other.Member.Id })
        {
            Assert.DoesNotContain(await Notifications(person), n => IsEndedNotice(n, sibling.RelationshipId));
        }

        var both = new[] { sibling.RelationshipId, other.RelationshipId }.Order();
        Assert.Equal(both, (await ListedRelationships(sibling.Authorizer.Id)).Order());
        Assert.Equal(both, (await ListedRelationships(sibling.Member.Id)).Order());
        Assert.Equal(both, (await ListedRelationships(other.Member.Id)).Order());
        Assert.NotNull(await app.Services.GetRequiredService<RelationshipStore>().Find(sibling.Member.Id, sibling.RelationshipId, default));
    }

    [Theory]
    [InlineData("institution")]
    [InlineData("reviewer")]
    [InlineData("admin")]
    public async Task Staff_and_institutions_get_403_and_the_relationship_stays(string role)
    {
        // Given an active relationship
        var family = await FamilySteps.New(app, "gansu");
        var client = app.As($"{role}-9", role, region: role == "reviewer" ? "gansu" : null, institution: role == "institution" ? "hospital-1" : null);

        // When someone who is no applicant tries to end it
        var response = await client.DeleteAsync($"/api/relationships/{family.RelationshipId}");

        // Then they are refused and it stays
        await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal([family.RelationshipId], await ListedRelationships(family.Authorizer.Id));
    }

    [Fact]
    public async Task Both_people_are_notified_and_the_end_is_audited()
    {
        // Given an active relationship
        var family = await FamilySteps.New(app, "gansu");

        // When the member ends it
        await Api.Expect(await End(family.Member.Id, family.RelationshipId), HttpStatusCode.NoContent);

        // Then both people get a relationship-ended notification about it
        foreach (var person in new[] { family.Authorizer, family.Member })
        {
            Assert.Single(await Notifications(person.Id), n => IsEndedNotice(n, family.RelationshipId));
        }

        // And its audit trail names the end, by the member, without a clear resident ID
        var audit = await app.Admin().GetAsync($"/api/admin/audit?subject={family.RelationshipId}");
        await Api.Expect(audit, HttpStatusCode.OK);
        var text = await audit.Content.ReadAsStringAsync();
        Assert.False(ClearResidentIds.In(text), "The audit answer holds a resident ID.");
        var entry = Assert.Single(JsonNode.Parse(text)!.AsArray(), e => e!["action"]!.GetValue<string>() == "relationship-ended")!;
        Assert.Equal(family.Member.Id, entry["actorId"]!.GetValue<string>());
        Assert.Equal(family.RelationshipId, entry["subject"]!.GetValue<string>());
        Assert.Contains("member", entry["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_end_notifies_nobody()
    {
        // Given an active relationship and a stranger
        var family = await FamilySteps.New(app, "gansu");
        var stranger = await Api.Insured(app, region: "gansu");

        // When the stranger tries to end it
        await Api.ExpectProblem(await End(stranger.Id, family.RelationshipId), HttpStatusCode.NotFound, "not-found");

        // Then nobody is told it ended
        foreach (var person in new[] { family.Authorizer.Id, family.Member.Id, stranger.Id })
        {
            Assert.DoesNotContain(await Notifications(person), n => IsEndedNotice(n, family.RelationshipId));
        }
    }

    [Fact]
    public async Task After_unbinding_the_same_pair_may_ask_to_be_bound_again()
    {
        // Given an active gansu relationship, which blocks a second request for the pair
        var family = await FamilySteps.New(app, "gansu");
        var body = Api.BindingBody(family.Member, region: "gansu", commitmentConfirmed: true);
        await Api.ExpectProblem(await app.As(family.Authorizer.Id).PostAsJsonAsync("/api/bindings", body), HttpStatusCode.Conflict, "already-in-group");

        // When the authorizer ends it and asks again
        await Api.Expect(await End(family.Authorizer.Id, family.RelationshipId), HttpStatusCode.NoContent);
        var again = await app.As(family.Authorizer.Id).PostAsJsonAsync("/api/bindings", body);

        // Then the new request is opened, and (on the 户口本 pages and the reviewer's approval, as for any child) it
        // binds the pair once more
        await Api.Expect(again, HttpStatusCode.Created);
        var id = (await Api.Json(again))["id"]!.GetValue<string>();
        Assert.NotEqual(family.RelationshipId, id);
        await Api.UploadEach(app, family.Authorizer, id, Api.HukouPages);
        var submit = await app.As(family.Authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null);
        await Api.Expect(submit, HttpStatusCode.Accepted);
        await Api.Expect(
            await app.Reviewer("gansu").PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve" }), HttpStatusCode.OK);
        await FamilySteps.Active(app, family.Member.Id, id);
        Assert.Equal([id], await ListedRelationships(family.Member.Id));
    }

    [Fact]
    public async Task A_payment_code_of_an_ended_relationship_no_longer_pays_and_no_new_one_is_issued_for_it()
    {
        // Given a member who holds a payment code for their relationship
        var family = await FamilySteps.New(app, "gansu");
        var code = await FamilySteps.PaymentCode(app, family.Member.Id);

        // When the authorizer ends the relationship
        await Api.Expect(await End(family.Authorizer.Id, family.RelationshipId), HttpStatusCode.NoContent);

        // Then an institution cannot settle with the code, and the member gets no code for it any more
        var settle = await Bindings.Send.Json(
            app.As("institution-1", "institution", institution: "hospital-1"), "/api/settlements",
            $"{{\"paymentCode\":\"{code}\",\"category\":\"pharmacy\",\"amountFen\":1000}}", Guid.NewGuid().ToString("N"));
        await Api.ExpectProblem(settle, (HttpStatusCode)422, "invalid-payment-code");
        await Api.ExpectProblem(await app.As(family.Member.Id).PostAsJsonAsync("/api/payment-codes", new { relationshipId = family.RelationshipId }),
            HttpStatusCode.NotFound, "not-found");
    }
}
