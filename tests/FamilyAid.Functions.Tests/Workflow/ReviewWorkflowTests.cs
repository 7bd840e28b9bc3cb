using FamilyAid.Functions.Relationships;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Workflow;

[Collection(AppCollection.Name)]
public sealed class ReviewWorkflowTests(FamilyAidApp app)
{
    [Fact]
    public async Task The_guangdong_flow_goes_through_review_and_face_check_to_an_active_relationship()
    {
        // Given a submitted guangdong request for an adult child
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        await Api.UploadAll(app, authorizer, id);
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null), HttpStatusCode.Accepted);

        // When it reaches the guangdong queue and a reviewer approves
        var reviewer = app.Reviewer("guangdong");
        await Api.Eventually(async () => (await Api.Json(await reviewer.GetAsync("/api/review/queue"))).AsArray()
            .Any(e => e!["id"]!.GetValue<string>() == id), "the request in the review queue");
        var approve = await reviewer.PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve", reason = "户口本 matches" });
        await Api.Expect(approve, HttpStatusCode.OK);
        Assert.Equal("awaiting-face-check", (await Api.Json(approve))["status"]!.GetValue<string>());

        // And the member consents, checks their face, and the provider calls back with a pass
        var start = await app.As(member.Id).PostAsJsonAsync($"/api/bindings/{id}/face-check", new { consent = true });
        await Api.Expect(start, HttpStatusCode.Created);
        var session = (await Api.Json(start))["sessionId"]!.GetValue<string>();
        var callback = await Api.FaceCheckCallback(app, session, "pass", 0.98);

        // Then the request is approved, leaves the queue, the pair is bound and both are told
        await Api.Expect(callback, HttpStatusCode.OK);
        Assert.Equal("approved", (await Api.Json(callback))["status"]!.GetValue<string>());
        var relationships = app.Services.GetRequiredService<RelationshipStore>();
        await Api.Eventually(async () => (await relationships.Active(member.Id, default)).Count == 1, "the relationship");
        await Api.Eventually(async () => !(await Api.Json(await reviewer.GetAsync("/api/review/queue"))).AsArray()
            .Any(e => e!["id"]!.GetValue<string>() == id), "the request to leave the queue");
        foreach (var person in new[] { authorizer, member })
        {
            await Api.Eventually(async () => (await Api.Json(await app.As(person.Id).GetAsync("/api/notifications"))).AsArray()
                .Any(n => n!["bindingId"]!.GetValue<string>() == id && n["template"]!.GetValue<string>() == "approved"), "the approval notice");
        }

        var timeline = (await Api.Json(await app.As(authorizer.Id).GetAsync($"/api/bindings/{id}")))["timeline"]!.AsArray()
            .Select(e => e!["event"]!.GetValue<string>()).Where(e => e != "document-uploaded");
        Assert.Equal(["requested", "submitted", "review-approved", "face-check-started", "face-check-passed", "activation-started", "approved"], timeline);

        // And a repeated callback changes nothing and answers 200 again
        var repeat = await Api.FaceCheckCallback(app, session, "fail", 0.1);
        await Api.Expect(repeat, HttpStatusCode.OK);
        Assert.Equal("approved", (await Api.Json(repeat))["status"]!.GetValue<string>());
        Assert.Equal("approved", await Api.Status(app, authorizer, id));
    }

    [Fact]
    public async Task In_gansu_the_face_check_completes_the_binding_and_four_failures_reject_it()
    {
        // Given a submitted gansu request for an adult (no documents, no review)
        var authorizer = await Api.Insured(app, region: "gansu");
        var member = await Api.Insured(app, region: "gansu", insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member, region: "gansu", relation: "sibling", commitmentConfirmed: true);
        var submit = await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null);
        Assert.Equal("awaiting-face-check", (await Api.Json(submit))["status"]!.GetValue<string>());

        // When the face check fails four times (the first and three retries)
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var start = await app.As(member.Id).PostAsJsonAsync($"/api/bindings/{id}/face-check", new { consent = true });
            await Api.Expect(start, HttpStatusCode.Created);
            await Api.Expect(await Api.FaceCheckCallback(app, (await Api.Json(start))["sessionId"]!.GetValue<string>(), "fail", 0.2), HttpStatusCode.OK);
        }

        // Then it is rejected, and no fifth check can start
        Assert.Equal("rejected", await Api.Status(app, authorizer, id));
        var fifth = await app.As(member.Id).PostAsJsonAsync($"/api/bindings/{id}/face-check", new { consent = true });
        await Api.ExpectProblem(fifth, HttpStatusCode.Conflict, "already-final");
    }

    [Fact]
    public async Task Two_reviewers_deciding_at_once_one_wins_and_the_other_gets_not_in_review()
    {
        var (authorizer, id) = await InReview();

        var answers = await Task.WhenAll(
            app.As("reviewer-a", "reviewer", "guangdong").PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve" }),
            app.As("reviewer-b", "reviewer", "guangdong").PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "reject", reason = "blurred scan" }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK);
        await Api.ExpectProblem(loser, HttpStatusCode.Conflict, "not-in-review");
        var status = await Api.Status(app, authorizer, id);
        Assert.True(status is "awaiting-face-check" or "rejected", status);
        var decisions = (await Api.Json(await app.As(authorizer.Id).GetAsync($"/api/bindings/{id}")))["timeline"]!.AsArray()
            .Count(e => e!["event"]!.GetValue<string>() is "review-approved" or "rejected");
        Assert.Equal(1, decisions);
    }

    [Fact]
    public async Task A_rejection_keeps_its_reason_and_a_reason_is_required()
    {
        var (authorizer, id) = await InReview();
        var reviewer = app.Reviewer("guangdong");

        await Api.ExpectProblem(await reviewer.PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "reject" }),
            HttpStatusCode.BadRequest, "invalid-request");
        await Api.Expect(await reviewer.PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "reject", reason = "户口本 page missing" }),
            HttpStatusCode.OK);

        Assert.Equal("rejected", await Api.Status(app, authorizer, id));
        await Api.ExpectProblem(await reviewer.PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve" }),
            HttpStatusCode.Conflict, "not-in-review");
    }

    [Fact]
    public async Task Verify_offline_approves_a_relative_who_cannot_use_the_app()
    {
        var (authorizer, id) = await InReview();

        var answer = await app.Reviewer("guangdong").PostAsJsonAsync(
            $"/api/review/bindings/{id}/decision", new { decision = "verify-offline", reason = "verified at the Tianhe counter" });

        await Api.Expect(answer, HttpStatusCode.OK);
        Assert.Equal("approved", (await Api.Json(answer))["status"]!.GetValue<string>());
        var timeline = (await Api.Json(await app.As(authorizer.Id).GetAsync($"/api/bindings/{id}")))["timeline"]!.AsArray()
            .Select(e => e!["event"]!.GetValue<string>()).ToList();
        Assert.Contains("verified-offline", timeline);
        Assert.DoesNotContain("face-check-started", timeline);
    }

    [Fact]
    public async Task Only_the_member_starts_a_face_check_and_only_with_consent()
    {
        var authorizer = await Api.Insured(app, region: "gansu");
        var member = await Api.Insured(app, region: "gansu", insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member, region: "gansu", commitmentConfirmed: true);
        await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null);

        await Api.ExpectProblem(await app.As(authorizer.Id).PostAsJsonAsync($"/api/bindings/{id}/face-check", new { consent = true }),
            HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(await app.As((await Api.Insured(app)).Id).PostAsJsonAsync($"/api/bindings/{id}/face-check", new { consent = true }),
            HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(await app.As(member.Id).PostAsJsonAsync($"/api/bindings/{id}/face-check", new { consent = false }),
            (HttpStatusCode)422, "consent-required");
        Assert.Equal("awaiting-face-check", await Api.Status(app, authorizer, id));
    }

    private async Task<(Person Authorizer, string Id)> InReview()
    {
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        await Api.UploadAll(app, authorizer, id);
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null), HttpStatusCode.Accepted);
        return (authorizer, id);
    }
}
