using FamilyAid.Functions.Tests.Families;

namespace FamilyAid.Functions.Tests.RemoteRegistrations;

/// <summary>A registration as its region's reviewer works it: listed and opened with the person's masked ID, age and the
/// working-day promise, and a decision that came second told who decided first.</summary>
[Collection(AppCollection.Name)]
public sealed class RemoteReviewTests(FamilyAidApp app)
{
    [Fact]
    public async Task A_reviewer_opens_a_registration_with_the_person_and_its_promise_and_a_late_decision_learns_who_came_first()
    {
        // Given a guangdong person's registration in review
        var person = await Api.Insured(app);
        var id = Registrations.Id(await Registrations.Filed(app, person, Registrations.Body(app, "long-term-residence", "62", "620100")));
        using var reviewer = app.Reviewer("guangdong");

        // When a guangdong reviewer lists the region's registrations and opens this one, and a gansu reviewer tries to
        var listed = (await Api.Json(await reviewer.GetAsync("/api/review/remote-registrations?take=500"))).AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!;
        var opened = await Api.Json(await reviewer.GetAsync($"/api/review/remote-registrations/{id}"));
        var elsewhere = await app.Reviewer("gansu").GetAsync($"/api/review/remote-registrations/{id}");

        // Then both show the person by masked ID and age, when it was filed and the working day it is due by, not overdue
        foreach (var view in new[] { listed, opened })
        {
            var masked = view["person"]!["residentIdMasked"]!.GetValue<string>();
            Assert.NotEqual(person.ResidentId, masked);
            Assert.EndsWith(person.ResidentId[^4..], masked, StringComparison.Ordinal);
            Assert.True(view["person"]!["age"]!.GetValue<int>() >= 18);
            Assert.True(view["dueAt"]!.GetValue<DateTimeOffset>() > view["submittedAt"]!.GetValue<DateTimeOffset>());
            Assert.False(view["overdue"]!.GetValue<bool>());
            Assert.Equal("filed-for-review", view["timeline"]![0]!["event"]!.GetValue<string>());
        }

        Assert.DoesNotContain(person.ResidentId, opened.ToJsonString(), StringComparison.Ordinal);
        await Api.ExpectProblem(elsewhere, HttpStatusCode.NotFound, "not-found");

        // When a second reviewer approves it, and the first then rejects it
        await Api.Expect(await app.As("reviewer-guangdong-2", "reviewer", "guangdong")
            .PostAsJsonAsync($"/api/review/remote-registrations/{id}/decision", new { decision = "approve" }), HttpStatusCode.OK);
        var late = await reviewer.PostAsJsonAsync($"/api/review/remote-registrations/{id}/decision", new { decision = "reject", reason = "证明不全" });

        // Then the first is told who approved it, what and when, and that it is active; it is due at no time any more
        var problem = await Api.ExpectProblem(late, HttpStatusCode.Conflict, "registration-not-open");
        Assert.Equal("reviewer-guangdong-2", problem["decidedBy"]!.GetValue<string>());
        Assert.Equal("approved", problem["decision"]!.GetValue<string>());
        Assert.Equal("active", problem["currentStatus"]!.GetValue<string>());
        Assert.NotNull(problem["decidedAt"]);
        Assert.Null((await Api.Json(await reviewer.GetAsync($"/api/review/remote-registrations/{id}")))["dueAt"]);
    }

    [Fact]
    public async Task A_reviewer_asking_for_a_few_gets_those_that_have_waited_longest()
    {
        // Given three guangdong registrations in review (in an app of its own, whose clock this test moves), filed a
        // minute apart in the reverse of their people's order, which is the order the table answers in
        await using var own = new PrivateApp();
        var people = new List<Person>();
        for (var i = 0; i < 3; i++)
        {
            people.Add(await Api.Insured(own));
        }

        var filed = new List<string>();
        foreach (var person in people.OrderByDescending(p => p.Id, StringComparer.Ordinal))
        {
            filed.Add(Registrations.Id(await Registrations.Filed(own, person, Registrations.Body(own, "long-term-residence", "62", "620100"))));
            own.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        // When a guangdong reviewer asks for two
        var listed = (await Api.Json(await own.Reviewer("guangdong").GetAsync("/api/review/remote-registrations?take=2"))).AsArray();

        // Then the two filed first come, oldest first
        Assert.Equal(filed.Take(2), listed.Select(r => r!["id"]!.GetValue<string>()));
    }
}
