using FamilyAid.Functions.Tests.Workflow;

namespace FamilyAid.Functions.Tests.Review;

/// <summary>What the reviewer console needs from the review API: the queue's escalation and overdue marks, the people's
/// masked IDs and ages, and who decided first when a decision comes second.</summary>
public sealed class ReviewConsoleApiTests
{
    [Fact]
    public async Task The_queue_lists_escalated_requests_first_and_marks_those_past_the_promise()
    {
        // Given a request submitted on Tuesday 10:00 (due Wednesday 10:00) and, on Wednesday 11:00, once it was escalated, a newer one
        await using var app = new PrivateApp();
        var (_, _, old) = await WorkflowSteps.InReview(app);
        var sla = FamilyAidApp.Start + TimeSpan.FromDays(1);
        await WorkflowSteps.TimerSet(app, old, sla);
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");
        var (_, _, fresh) = await WorkflowSteps.InReview(app);
        var reviewer = app.Reviewer("guangdong");

        // When the reviewer reads the queue
        var rows = new System.Text.Json.Nodes.JsonArray();
        await Api.Eventually(async () => (rows = (await Api.Json(await reviewer.GetAsync("/api/review/queue"))).AsArray()) is [{ } first, _]
            && first["escalated"]!.GetValue<bool>(), "the escalated request marked in the queue");

        // Then the escalated one is first, overdue, with its expiry; the new one is on time
        Assert.Equal(old, rows[0]!["id"]!.GetValue<string>());
        Assert.True(rows[0]!["overdue"]!.GetValue<bool>());
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.FromHours(8)), rows[0]!["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(fresh, rows[1]!["id"]!.GetValue<string>());
        Assert.False(rows[1]!["escalated"]!.GetValue<bool>());
        Assert.False(rows[1]!["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_review_read_shows_both_people_masked_with_their_ages()
    {
        // Given a request of an authorizer and a member born on known dates
        await using var app = new PrivateApp();
        var authorizer = await Api.Insured(app, birthDate: new DateOnly(1970, 11, 25));
        var member = await Api.Insured(app, insuranceType: "resident", birthDate: new DateOnly(2000, 11, 24));
        var id = await Api.CreateBinding(app, authorizer, member);

        // When a reviewer of its region reads it (on 2026-11-24 in China)
        var view = await Api.Json(await app.Reviewer("guangdong").GetAsync($"/api/review/bindings/{id}"));

        // Then both people are there, masked, with their ages in full years that day (the authorizer's birthday is tomorrow)
        var people = view["people"]!;
        Assert.Equal(authorizer.Name, people["authorizer"]!["name"]!.GetValue<string>());
        Assert.Equal($"{authorizer.ResidentId[..6]}********{authorizer.ResidentId[^4..]}", people["authorizer"]!["residentIdMasked"]!.GetValue<string>());
        Assert.Equal(55, people["authorizer"]!["age"]!.GetValue<int>());
        Assert.Equal($"{member.ResidentId[..6]}********{member.ResidentId[^4..]}", people["member"]!["residentIdMasked"]!.GetValue<string>());
        Assert.Equal(26, people["member"]!["age"]!.GetValue<int>());
        Assert.DoesNotContain(authorizer.ResidentId, view.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_that_comes_second_is_told_who_decided_first_and_what()
    {
        // Given a request that one reviewer rejected
        await using var app = new PrivateApp();
        var (_, _, id) = await WorkflowSteps.InReview(app);
        using var first = app.As("reviewer-first", "reviewer", "guangdong");
        await Api.Expect(await first.PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "reject", reason = "材料不清晰" }), HttpStatusCode.OK);

        // When a second reviewer approves it
        using var second = app.As("reviewer-second", "reviewer", "guangdong");
        var late = await second.PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve" });

        // Then the answer says who decided first, what, when, and where the request is now
        var problem = await Api.ExpectProblem(late, HttpStatusCode.Conflict, "not-in-review");
        Assert.Equal("reviewer-first", problem["decidedBy"]!.GetValue<string>());
        Assert.Equal("rejected", problem["decision"]!.GetValue<string>());
        Assert.Equal("rejected", problem["currentStatus"]!.GetValue<string>());
        Assert.Equal(app.Clock.GetUtcNow(), problem["decidedAt"]!.GetValue<DateTimeOffset>());
    }
}
