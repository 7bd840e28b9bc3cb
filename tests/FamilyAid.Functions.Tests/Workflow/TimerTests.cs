using System.Text.Json.Nodes;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Bindings;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Triggers;
using FamilyAid.Functions.Bindings.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Workflow;

/// <summary>Steps the workflow tests share: reading a request's timeline, firing timer functions, waiting for effects.</summary>
internal static class WorkflowSteps
{
    public static async Task<JsonNode> View(FamilyAidApp app, Person authorizer, string id) =>
        await Api.Json(await app.As(authorizer.Id).GetAsync($"/api/bindings/{id}"));

    /// <summary>The events of the request's timeline, without document uploads.</summary>
    public static async Task<List<string>> Timeline(FamilyAidApp app, Person authorizer, string id) =>
        (await View(app, authorizer, id))["timeline"]!.AsArray()
            .Select(e => e!["event"]!.GetValue<string>()).Where(e => e != "document-uploaded").ToList();

    public static async Task<DateTimeOffset?> DueAt(FamilyAidApp app, Person authorizer, string id) =>
        (await View(app, authorizer, id))["dueAt"] is { } due ? DateTimeOffset.Parse(due.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Runs one timer function of the app (as its schedule would), by name.</summary>
    public static Task RunTimer(FamilyAidApp app, string name) =>
        app.Services.GetRequiredService<IEnumerable<ITimerFunction>>().Single(f => f.Name == name).Run(CancellationToken.None);

    /// <summary>Whether a timer for <paramref name="id"/> at <paramref name="dueAt"/> is in the due-time index.</summary>
    public static async Task<bool> HasTimer(FamilyAidApp app, string id, DateTimeOffset dueAt) =>
        (await app.Services.GetRequiredService<TimerStore>().Due(dueAt, 1000, CancellationToken.None))
        .Any(t => t.BindingId == id && t.DueAt == dueAt);

    /// <summary>Waits for the schedule-timer activity to have written the timer (it runs from the queue, after the answer).</summary>
    public static Task TimerSet(FamilyAidApp app, string id, DateTimeOffset dueAt) =>
        Api.Eventually(() => HasTimer(app, id, dueAt), $"the timer of {id} at {dueAt:O}");

    public static async Task<bool> Notified(FamilyAidApp app, HttpClient reader, string id, string template) =>
        (await Api.Json(await reader.GetAsync("/api/notifications"))).AsArray()
        .Any(n => n!["bindingId"]!.GetValue<string>() == id && n["template"]!.GetValue<string>() == template);

    public static Task EventuallyNotified(FamilyAidApp app, HttpClient reader, string id, string template) =>
        Api.Eventually(() => Notified(app, reader, id, template), $"the {template} notification of {id}");

    /// <summary>A guangdong sharing request for an adult child, documents uploaded and submitted (so in review).</summary>
    public static async Task<(Person Authorizer, Person Member, string Id)> InReview(FamilyAidApp app)
    {
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        await Api.UploadAll(app, authorizer, id);
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null), HttpStatusCode.Accepted);
        return (authorizer, member, id);
    }

    /// <summary>A gansu request for an adult sibling, submitted: it waits for the member's face check (no review in gansu).</summary>
    public static async Task<(Person Authorizer, Person Member, string Id)> AwaitingFaceCheck(FamilyAidApp app)
    {
        var authorizer = await Api.Insured(app, region: "gansu");
        var member = await Api.Insured(app, region: "gansu", insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member, region: "gansu", relation: "sibling", commitmentConfirmed: true);
        var submit = await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null);
        Assert.Equal("awaiting-face-check", (await Api.Json(submit))["status"]!.GetValue<string>());
        return (authorizer, member, id);
    }

    /// <summary>The member consents and opens a session; returns its id.</summary>
    public static async Task<string> StartFaceCheck(FamilyAidApp app, Person member, string id)
    {
        var start = await app.As(member.Id).PostAsJsonAsync($"/api/bindings/{id}/face-check", new { consent = true });
        await Api.Expect(start, HttpStatusCode.Created);
        return (await Api.Json(start))["sessionId"]!.GetValue<string>();
    }

    /// <summary>Waits until the request no longer blocks a new one for the same member (the release activity ran).</summary>
    public static Task GuardReleased(FamilyAidApp app, Person authorizer, Person member) =>
        Api.Eventually(async () => await app.Services.GetRequiredService<PersonBindingIndex>()
            .GuardOf(authorizer.Id, member.Id, BindingKind.Sharing, CancellationToken.None) is null, "the open-request guard to be released");

    public static async Task<int> ActiveRelationships(FamilyAidApp app, Person member) =>
        (await app.Services.GetRequiredService<RelationshipStore>().Active(member.Id, CancellationToken.None)).Count;
}

/// <summary>Durable timers on a fake clock: each test has an app (and clock) of its own, which starts on
/// Tuesday 2026-11-24 10:00 in China.</summary>
public sealed class TimerTests
{
    private static readonly DateTimeOffset Start = FamilyAidApp.Start;

    [Fact]
    public async Task A_request_left_awaiting_documents_expires_after_seven_days_and_frees_its_member()
    {
        // Given a request nobody submits
        await using var app = new PrivateApp();
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        var due = Start + TimeSpan.FromDays(7);
        Assert.Equal(due, await WorkflowSteps.DueAt(app, authorizer, id));
        await WorkflowSteps.TimerSet(app, id, due);

        // When a minute short of seven days pass, nothing happens
        app.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");
        Assert.Equal("awaiting-documents", await Api.Status(app, authorizer, id));

        // When the seventh day is over
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");

        // Then it is expired, with the expiry on its timeline and no due time left
        Assert.Equal("expired", await Api.Status(app, authorizer, id));
        Assert.Equal(["requested", "expired"], await WorkflowSteps.Timeline(app, authorizer, id));
        var view = await WorkflowSteps.View(app, authorizer, id);
        Assert.Null(view["dueAt"]);
        Assert.Equal(due, DateTimeOffset.Parse(view["timeline"]!.AsArray()[^1]!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(await WorkflowSteps.HasTimer(app, id, due), "the fired timer is removed");

        // And the authorizer is told, and the member is free for a new request
        await WorkflowSteps.EventuallyNotified(app, app.As(authorizer.Id), id, "expired");
        await WorkflowSteps.GuardReleased(app, authorizer, member);
        var again = await Api.CreateBinding(app, authorizer, member);
        Assert.NotEqual(id, again);
    }

    [Fact]
    public async Task A_review_past_its_one_working_day_is_escalated_stays_decidable_and_expires_after_ten_working_days()
    {
        // Given two guangdong requests submitted on Tuesday 10:00: due for review on Wednesday 10:00
        await using var app = new PrivateApp();
        var (authorizer, _, id) = await WorkflowSteps.InReview(app);
        var (otherAuthorizer, _, other) = await WorkflowSteps.InReview(app);
        var sla = Start + TimeSpan.FromDays(1);
        Assert.Equal(sla, await WorkflowSteps.DueAt(app, authorizer, id));
        await WorkflowSteps.TimerSet(app, id, sla);
        await WorkflowSteps.TimerSet(app, other, sla);

        // When Wednesday 09:59:59 comes, nothing is overdue yet
        app.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");
        Assert.DoesNotContain("review-escalated", await WorkflowSteps.Timeline(app, authorizer, id));

        // When Wednesday 10:00 comes
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");

        // Then the review is escalated, still in review, now due to expire ten working days after submission (Tue 8 Dec 10:00)
        var expiry = new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(["requested", "submitted", "review-escalated"], await WorkflowSteps.Timeline(app, authorizer, id));
        Assert.Equal("in-review", await Api.Status(app, authorizer, id));
        Assert.Equal(expiry, await WorkflowSteps.DueAt(app, authorizer, id));

        // And the region's reviewers see it is overdue (reviewers of another region do not), and the authorizer that it is delayed
        var reviewer = app.Reviewer("guangdong");
        await WorkflowSteps.EventuallyNotified(app, reviewer, id, "review-overdue");
        Assert.False(await WorkflowSteps.Notified(app, app.Reviewer("gansu"), id, "review-overdue"));
        await WorkflowSteps.EventuallyNotified(app, app.As(authorizer.Id), id, "review-delayed");
        Assert.False(await WorkflowSteps.Notified(app, app.As(authorizer.Id), id, "review-overdue"));

        // And an escalated review may still be decided
        var approve = await reviewer.PostAsJsonAsync($"/api/review/bindings/{other}/decision", new { decision = "approve" });
        await Api.Expect(approve, HttpStatusCode.OK);
        Assert.Equal("awaiting-face-check", (await Api.Json(approve))["status"]!.GetValue<string>());
        Assert.Equal(["requested", "submitted", "review-escalated", "review-approved"], await WorkflowSteps.Timeline(app, otherAuthorizer, other));

        // When a second short of ten working days pass (the seven-day documents timer fires on the way, stale)
        await WorkflowSteps.TimerSet(app, id, expiry);
        app.Clock.Advance(expiry - app.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");
        Assert.Equal(["requested", "submitted", "review-escalated"], await WorkflowSteps.Timeline(app, authorizer, id));

        // When the tenth working day is reached
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");

        // Then the undecided review expires, leaves the queue, and the authorizer is told
        Assert.Equal(["requested", "submitted", "review-escalated", "expired"], await WorkflowSteps.Timeline(app, authorizer, id));
        Assert.Equal("expired", await Api.Status(app, authorizer, id));
        await Api.Eventually(async () => !(await Api.Json(await reviewer.GetAsync("/api/review/queue"))).AsArray()
            .Any(e => e!["id"]!.GetValue<string>() == id), "the expired request to leave the review queue");
        await WorkflowSteps.EventuallyNotified(app, app.As(authorizer.Id), id, "expired");
        await Api.ExpectProblem(await reviewer.PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve" }),
            HttpStatusCode.Conflict, "not-in-review");
    }

    [Fact]
    public async Task A_review_submitted_on_friday_is_due_on_monday_not_on_saturday()
    {
        // Given a request submitted on Friday 27 Nov 10:00
        await using var app = new PrivateApp();
        app.Clock.Advance(TimeSpan.FromDays(3));
        var (authorizer, _, id) = await WorkflowSteps.InReview(app);
        var monday = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(monday, await WorkflowSteps.DueAt(app, authorizer, id));
        await WorkflowSteps.TimerSet(app, id, monday);

        // When Saturday 10:00 and Monday 09:59 come, it is not overdue
        app.Clock.Advance(TimeSpan.FromDays(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");
        app.Clock.Advance(monday - app.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");
        Assert.Equal(["requested", "submitted"], await WorkflowSteps.Timeline(app, authorizer, id));

        // When Monday 10:00 comes it is escalated, and it expires ten working days after the Friday (Fri 11 Dec)
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");
        Assert.Equal(["requested", "submitted", "review-escalated"], await WorkflowSteps.Timeline(app, authorizer, id));
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 10, 0, 0, TimeSpan.FromHours(8)), await WorkflowSteps.DueAt(app, authorizer, id));
    }

    [Fact]
    public async Task A_configured_holiday_is_not_a_working_day_for_the_review_sla()
    {
        // Given Wednesday 25 Nov is a holiday, and a request submitted on Tuesday 10:00
        await using var app = new HolidayApp();
        var (authorizer, _, id) = await WorkflowSteps.InReview(app);
        var thursday = Start + TimeSpan.FromDays(2);
        Assert.Equal(thursday, await WorkflowSteps.DueAt(app, authorizer, id));
        await WorkflowSteps.TimerSet(app, id, thursday);

        // When Wednesday 10:00 comes it is not overdue; on Thursday 10:00 it is
        app.Clock.Advance(TimeSpan.FromDays(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");
        Assert.Equal(["requested", "submitted"], await WorkflowSteps.Timeline(app, authorizer, id));
        app.Clock.Advance(TimeSpan.FromDays(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");
        Assert.Equal(["requested", "submitted", "review-escalated"], await WorkflowSteps.Timeline(app, authorizer, id));
    }

    [Fact]
    public async Task A_face_check_not_done_within_three_days_expires_and_a_late_result_changes_nothing()
    {
        // Given a gansu request waiting for the member's face check since Tuesday 10:00; the member opened a session and left
        await using var app = new PrivateApp();
        var (authorizer, member, id) = await WorkflowSteps.AwaitingFaceCheck(app);
        var due = Start + TimeSpan.FromDays(3);
        Assert.Equal(due, await WorkflowSteps.DueAt(app, authorizer, id));
        var session = await WorkflowSteps.StartFaceCheck(app, member, id);
        await WorkflowSteps.TimerSet(app, id, due);

        // When three days less a second pass, nothing happens
        app.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");
        Assert.Equal("awaiting-face-check", await Api.Status(app, authorizer, id));

        // When the third day is over
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await WorkflowSteps.RunTimer(app, "FireTimers");

        // Then it is expired and the authorizer is told
        Assert.Equal(["requested", "submitted", "face-check-started", "expired"], await WorkflowSteps.Timeline(app, authorizer, id));
        Assert.Equal("expired", await Api.Status(app, authorizer, id));
        await WorkflowSteps.EventuallyNotified(app, app.As(authorizer.Id), id, "expired");

        // And the provider's late pass for the open session binds nobody
        var late = await Api.FaceCheckCallback(app, session, "pass", 0.99);
        await Api.Expect(late, HttpStatusCode.OK);
        Assert.Equal("expired", (await Api.Json(late))["status"]!.GetValue<string>());
        Assert.Equal(["requested", "submitted", "face-check-started", "expired"], await WorkflowSteps.Timeline(app, authorizer, id));
        Assert.Equal(0, await WorkflowSteps.ActiveRelationships(app, member));
    }

    [Fact]
    public async Task A_face_check_after_an_agency_review_has_three_days_from_the_approval()
    {
        // Given a guangdong request approved by a reviewer on Wednesday 10:00 (a day after submission)
        await using var app = new PrivateApp();
        var (authorizer, _, id) = await WorkflowSteps.InReview(app);
        app.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        await Api.Expect(await app.Reviewer("guangdong").PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve" }), HttpStatusCode.OK);
        var due = app.Clock.GetUtcNow() + TimeSpan.FromDays(3);
        Assert.Equal(due, await WorkflowSteps.DueAt(app, authorizer, id));
        await WorkflowSteps.TimerSet(app, id, due);

        // When the three days pass without a face check
        app.Clock.Advance(TimeSpan.FromDays(3));
        await WorkflowSteps.RunTimer(app, "FireTimers");

        // Then it expires (the review SLA timer on the way was stale: no escalation)
        Assert.Equal(["requested", "submitted", "review-approved", "expired"], await WorkflowSteps.Timeline(app, authorizer, id));
    }

    [Fact]
    public async Task A_timer_of_a_request_cancelled_before_it_fired_changes_nothing()
    {
        // Given a request cancelled while its seven-day timer waits
        await using var app = new PrivateApp();
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/cancel", null), HttpStatusCode.OK);
        var due = Start + TimeSpan.FromDays(7);
        await WorkflowSteps.TimerSet(app, id, due);

        // When the timer fires
        app.Clock.Advance(TimeSpan.FromDays(8));
        await WorkflowSteps.RunTimer(app, "FireTimers");

        // Then the request stays cancelled with the same timeline, and the timer is gone
        Assert.Equal("cancelled", await Api.Status(app, authorizer, id));
        Assert.Equal(["requested", "cancelled"], await WorkflowSteps.Timeline(app, authorizer, id));
        Assert.False(await WorkflowSteps.HasTimer(app, id, due));
        Assert.False(await WorkflowSteps.Notified(app, app.As(authorizer.Id), id, "expired"));
    }

    [Fact]
    public async Task The_timers_of_a_request_approved_in_time_change_nothing_when_they_fire()
    {
        // Given a request reviewed and face-checked on its first day: its SLA, face-check and documents timers are all set
        await using var app = new PrivateApp();
        var (authorizer, member, id) = await WorkflowSteps.InReview(app);
        var reviewer = app.Reviewer("guangdong");
        await Api.Expect(await reviewer.PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve" }), HttpStatusCode.OK);
        var session = await WorkflowSteps.StartFaceCheck(app, member, id);
        await Api.Expect(await Api.FaceCheckCallback(app, session, "pass"), HttpStatusCode.OK);
        await WorkflowSteps.TimerSet(app, id, Start + TimeSpan.FromDays(1));
        await WorkflowSteps.TimerSet(app, id, Start + TimeSpan.FromDays(3));
        await WorkflowSteps.TimerSet(app, id, Start + TimeSpan.FromDays(7));
        var before = await WorkflowSteps.Timeline(app, authorizer, id);
        Assert.Equal(["requested", "submitted", "review-approved", "face-check-started", "face-check-passed", "activation-started", "approved"], before);

        // When all of them are due, one by one and then all at once
        foreach (var days in new[] { 1, 3, 7, 30 })
        {
            app.Clock.Advance(Start + TimeSpan.FromDays(days) - app.Clock.GetUtcNow());
            await WorkflowSteps.RunTimer(app, "FireTimers");
        }

        // Then the approved request is untouched: no escalation, no expiry, nobody told it is overdue
        Assert.Equal("approved", await Api.Status(app, authorizer, id));
        Assert.Equal(before, await WorkflowSteps.Timeline(app, authorizer, id));
        Assert.False(await WorkflowSteps.Notified(app, reviewer, id, "review-overdue"));
        Assert.False(await WorkflowSteps.Notified(app, app.As(authorizer.Id), id, "expired"));
        Assert.Equal(1, await WorkflowSteps.ActiveRelationships(app, member));
        Assert.DoesNotContain(
            await app.Services.GetRequiredService<TimerStore>().Due(app.Clock.GetUtcNow(), 1000, CancellationToken.None), t => t.BindingId == id);
    }

    [Fact]
    public void A_stale_timer_is_ignored_by_the_decider()
    {
        // Given the decider with the default timeouts and a request in review since Tuesday
        var decider = new BindingDecider(BindingTimeouts.Default, WorkingCalendar.WeekendsOnly);
        var sla = Start + TimeSpan.FromDays(1);

        // Then a timer for another due time, or one fired before its time, decides nothing
        var state = InReviewState(sla);
        Assert.Empty(decider.Decide(state, new FireTimer(Start + TimeSpan.FromDays(7)), Start + TimeSpan.FromDays(8)).Events);
        Assert.Empty(decider.Decide(state, new FireTimer(sla), sla - TimeSpan.FromSeconds(1)).Events);
        Assert.IsType<ReviewEscalated>(Assert.Single(decider.Decide(state, new FireTimer(sla), sla).Events));
        Assert.Empty(decider.Decide(state with { Status = BindingStatus.Approved, DueAt = null }, new FireTimer(sla), sla).Events);
    }

    private static BindingState InReviewState(DateTimeOffset dueAt) => new(
        "b-1", BindingKind.Sharing, "guangdong", Relation.Child, "a-1", "m-1", "测试", "440106********1234",
        BindingStatus.InReview, [],
        System.Collections.Immutable.ImmutableSortedDictionary<DocumentType, UploadedDocument>.Empty,
        false, false, true, 16, true, Start, Start, dueAt);

    private sealed class HolidayApp : PrivateApp
    {
        protected override void Adjust(Dictionary<string, string?> settings)
        {
            base.Adjust(settings);
            settings["Bindings:Holidays"] = "2026-11-25";
        }
    }
}
