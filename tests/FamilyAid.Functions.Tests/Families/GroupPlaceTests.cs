using Azure;
using Azure.Data.Tables;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Tests.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Families;

/// <summary>One sharing group at a time, held by one insert-only place row in the member's partition that approval
/// claims; and a request reads <c>approved</c> only once its relationship can be used.</summary>
public sealed class GroupPlaceTests(FamilyAidApp app) : IClassFixture<FamilyAidApp>
{
    [Fact]
    public async Task Of_ten_requests_for_one_member_approved_at_once_exactly_one_binds_and_the_others_are_rejected()
    {
        // Given ten gansu authorizers who each asked for the same adult relative, and the relative's face checks all open
        var member = await Api.Insured(app, region: "gansu", insuranceType: "resident");
        var requests = new List<(Person Authorizer, string Id, string Session)>();
        for (var i = 0; i < 10; i++)
        {
            var authorizer = await Api.Insured(app, region: "gansu");
            var id = await Api.CreateBinding(app, authorizer, member, region: "gansu", relation: "sibling", commitmentConfirmed: true);
            await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null), HttpStatusCode.Accepted);
            requests.Add((authorizer, id, await WorkflowSteps.StartFaceCheck(app, member, id)));
        }

        // When the provider's ten passing results arrive at once
        var answers = await Task.WhenAll(requests.Select(r => Api.FaceCheckCallback(app, r.Session, "pass", 0.97)));

        // Then every callback is answered, exactly one request is approved and the nine others are rejected
        foreach (var answer in answers)
        {
            await Api.Expect(answer, HttpStatusCode.OK);
        }

        var statuses = new List<string>();
        foreach (var (authorizer, id, _) in requests)
        {
            await Api.Eventually(async () => await Api.Status(app, authorizer, id) is "approved" or "rejected", $"request {id} to be decided");
            statuses.Add(await Api.Status(app, authorizer, id));
        }

        Assert.Equal(1, statuses.Count(s => s == "approved"));
        Assert.Equal(9, statuses.Count(s => s == "rejected"));

        // And the member is in one group, the winner's; the losers' timelines say why and both people are told
        var relationships = await app.Services.GetRequiredService<RelationshipStore>().Of(member.Id, CancellationToken.None);
        var winner = requests[statuses.IndexOf("approved")];
        Assert.Equal(winner.Id, Assert.Single(relationships).Id);
        foreach (var (authorizer, id, _) in requests.Where(r => r.Id != winner.Id))
        {
            Assert.Equal(["already-in-group", "rejected"], (await WorkflowSteps.Timeline(app, authorizer, id))[^2..]);
            Assert.Equal(0, await WorkflowSteps.ActiveRelationships(app, authorizer));
            await WorkflowSteps.EventuallyNotified(app, app.As(authorizer.Id), id, "rejected");
            await WorkflowSteps.EventuallyNotified(app, app.As(member.Id), id, "rejected");
        }
    }

    [Fact]
    public async Task A_request_that_reads_approved_can_be_used_at_once()
    {
        // Given a gansu request whose member's face check is open
        var (authorizer, member, id) = await WorkflowSteps.AwaitingFaceCheck(app);
        var session = await WorkflowSteps.StartFaceCheck(app, member, id);

        // When the provider's passing result is answered with "approved"
        var callback = await Api.FaceCheckCallback(app, session, "pass", 0.97);
        await Api.Expect(callback, HttpStatusCode.OK);
        Assert.Equal("approved", (await Api.Json(callback))["status"]!.GetValue<string>());
        Assert.Equal("approved", await Api.Status(app, authorizer, id));

        // Then, without waiting, both see the family and the member is given a payment code
        await Api.Expect(await app.As(authorizer.Id).GetAsync("/api/families/mine"), HttpStatusCode.OK);
        await Api.Expect(await app.As(member.Id).GetAsync("/api/families/mine"), HttpStatusCode.OK);
        await Api.Expect(await app.As(member.Id).PostAsync("/api/payment-codes", null), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Ending_a_relationship_frees_the_members_place_for_another_group()
    {
        // Given a member bound to one authorizer, who then ends it
        var (first, member, id) = await WorkflowSteps.AwaitingFaceCheck(app);
        await Api.Expect(await Api.FaceCheckCallback(app, await WorkflowSteps.StartFaceCheck(app, member, id), "pass", 0.97), HttpStatusCode.OK);
        Assert.Equal("approved", await Api.Status(app, first, id));
        await Api.Expect(await app.As(first.Id).DeleteAsync($"/api/relationships/{id}"), HttpStatusCode.NoContent);
        Assert.False((await Place(member)).HasValue);

        // When another authorizer binds the same member
        var second = await Api.Insured(app, region: "gansu");
        var family = await FamilySteps.Bind(app, second, member, relation: "sibling");

        // Then the member is in the second group
        Assert.Equal(family.RelationshipId, Assert.Single(await app.Services.GetRequiredService<RelationshipStore>().Of(member.Id, CancellationToken.None)).Id);
        Assert.Equal(family.RelationshipId, (await Place(member)).Value!.GetString("BindingId"));
    }

    [Fact]
    public async Task A_place_whose_relationship_is_gone_is_free()
    {
        // Given a member whose relationship row was removed but whose place row stayed (an end that crashed between deletes)
        var (first, member, id) = await WorkflowSteps.AwaitingFaceCheck(app);
        await Api.Expect(await Api.FaceCheckCallback(app, await WorkflowSteps.StartFaceCheck(app, member, id), "pass", 0.97), HttpStatusCode.OK);
        var tables = app.Services.GetRequiredService<Tables>();
        await tables.Relationships.DeleteEntityAsync(member.Id, Keys.Relationship(id), ETag.All);
        await tables.Relationships.DeleteEntityAsync(first.Id, Keys.Relationship(id), ETag.All);
        Assert.Equal(id, (await Place(member)).Value!.GetString("BindingId"));

        // When another authorizer binds the same member
        var second = await Api.Insured(app, region: "gansu");
        var family = await FamilySteps.Bind(app, second, member, relation: "sibling");

        // Then the stale place was taken over
        Assert.Equal(family.RelationshipId, (await Place(member)).Value!.GetString("BindingId"));
    }

    [Fact]
    public async Task A_proxy_takes_no_place_in_a_sharing_group()
    {
        // Given a member in a sharing group
        var (authorizer, member, id) = await WorkflowSteps.AwaitingFaceCheck(app);
        await Api.Expect(await Api.FaceCheckCallback(app, await WorkflowSteps.StartFaceCheck(app, member, id), "pass", 0.97), HttpStatusCode.OK);

        // When someone else becomes their proxy
        var proxy = await Api.Insured(app, region: "gansu");
        await FamilySteps.Bind(app, proxy, member, kind: "proxy", relation: "sibling");

        // Then the sharing group still holds the member's place, and both relationships are active
        Assert.Equal(id, (await Place(member)).Value!.GetString("BindingId"));
        Assert.Equal(2, await WorkflowSteps.ActiveRelationships(app, member));
        Assert.Equal("approved", await Api.Status(app, authorizer, id));
    }

    private async Task<NullableResponse<TableEntity>> Place(Person member) =>
        await app.Services.GetRequiredService<Tables>().Relationships.GetEntityIfExistsAsync<TableEntity>(member.Id, Keys.GroupPlace);
}
