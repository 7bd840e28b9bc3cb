using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Bindings;

[Collection(AppCollection.Name)]
public sealed class BindingFlowTests(FamilyAidApp app)
{
    [Fact]
    public async Task A_guangdong_request_walks_from_creation_through_documents_to_review()
    {
        // Given an employee-insured authorizer and an adult relative
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");

        // When the authorizer opens a request, uploads every document and submits
        var create = await app.As(authorizer.Id).PostAsJsonAsync("/api/bindings", Api.BindingBody(member));
        await Api.Expect(create, HttpStatusCode.Created);
        var created = await Api.Json(create);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("awaiting-documents", created["status"]!.GetValue<string>());
        Assert.Equal(Api.AllDocuments, created["requiredDocuments"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.True(created["faceCheckRequired"]!.GetValue<bool>());

        await Api.UploadAll(app, authorizer, id);
        var submit = await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null);

        // Then it waits for the agency, and its timeline shows every step
        await Api.Expect(submit, HttpStatusCode.Accepted);
        Assert.Equal("in-review", (await Api.Json(submit))["status"]!.GetValue<string>());
        var view = await Api.Json(await app.As(authorizer.Id).GetAsync($"/api/bindings/{id}"));
        Assert.Equal("in-review", view["status"]!.GetValue<string>());
        Assert.All(view["documents"]!.AsArray(), d => Assert.True(d!["uploaded"]!.GetValue<bool>()));
        Assert.Equal(
            ["requested", .. Enumerable.Repeat("document-uploaded", 7), "submitted"],
            view["timeline"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()));
        Assert.Equal(member.Name, view["member"]!["name"]!.GetValue<string>());
        Assert.Equal(member.ResidentId[..6] + "********" + member.ResidentId[14..], view["member"]!["residentIdMasked"]!.GetValue<string>());
        // Review is due one working day later: Tuesday 10:00 → Wednesday 10:00 in China.
        Assert.Equal(FamilyAidApp.Start.AddDays(1), view["dueAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_gansu_request_for_a_child_under_16_is_approved_by_the_reviewer_and_binds_the_pair()
    {
        // Given a gansu authorizer and a 10-year-old child
        var authorizer = await Api.Insured(app, region: "gansu");
        var child = await Api.Insured(app, region: "gansu", insuranceType: "resident", birthDate: new DateOnly(2016, 6, 1));
        var id = await Api.CreateBinding(app, authorizer, child, region: "gansu", commitmentConfirmed: true);

        // When the authorizer submits the 户口本 pages (under 16 has no face check, so the relation is proven and
        // reviewed, although gansu reviews nothing else) and a gansu reviewer approves
        await Api.UploadEach(app, authorizer, id, Api.HukouPages);
        var submit = await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null);
        await Api.Expect(submit, HttpStatusCode.Accepted);
        Assert.Equal("in-review", (await Api.Json(submit))["status"]!.GetValue<string>());
        var decision = await app.Reviewer("gansu").PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve" });

        // Then it is approved, and (once the workflow has activated the relationship) a second
        // request for the pair is refused as bound already
        await Api.Expect(decision, HttpStatusCode.OK);
        Assert.Equal("approved", (await Api.Json(decision))["status"]!.GetValue<string>());
        var relationships = app.Services.GetRequiredService<FamilyAid.Functions.Relationships.RelationshipStore>();
        await Api.Eventually(async () => (await relationships.Active(child.Id, default)).Count == 1, "the relationship to be active");
        var again = await app.As(authorizer.Id).PostAsJsonAsync("/api/bindings", Api.BindingBody(child, region: "gansu", commitmentConfirmed: true));
        await Api.ExpectProblem(again, HttpStatusCode.Conflict, "already-in-group");
    }

    [Fact]
    public async Task Both_the_authorizer_and_the_member_see_the_request_in_their_lists()
    {
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);

        var mine = await Api.Json(await app.As(authorizer.Id).GetAsync("/api/bindings"));
        var theirs = await Api.Json(await app.As(member.Id).GetAsync("/api/bindings"));
        var stranger = await Api.Json(await app.As((await Api.Insured(app)).Id).GetAsync("/api/bindings"));

        Assert.Equal("authorizer", Assert.Single(mine.AsArray(), b => b!["id"]!.GetValue<string>() == id)!["role"]!.GetValue<string>());
        Assert.Equal("member", Assert.Single(theirs.AsArray(), b => b!["id"]!.GetValue<string>() == id)!["role"]!.GetValue<string>());
        Assert.Empty(stranger.AsArray());
    }
}
