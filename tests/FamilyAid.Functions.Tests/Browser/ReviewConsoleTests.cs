using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Tests.Workflow;
using Microsoft.Playwright;

namespace FamilyAid.Functions.Tests.Browser;

/// <summary>The reviewer console in a real browser (Debian's Chromium through Playwright) against the app on a loopback
/// port: a guangdong reviewer works the queue, sees the documents, decides, and meets a decision made first by someone
/// else and an expired session.</summary>
public sealed class ReviewConsoleTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly string[] ScanTypes = ["authorizer-id-front", "authorizer-id-back", "member-id-front", "member-id-back", "hukou-home", "hukou-member", "commitment-letter"];

    private readonly List<string> pageErrors = [];

    [Fact]
    public async Task A_reviewer_works_the_queue_sees_the_documents_decides_and_is_told_of_a_decision_made_first()
    {
        // Given an escalated guangdong request (submitted more than a working day ago) and three fresh ones
        await using var app = new ServedApp();
        using var reviewer = app.Reviewer("guangdong");
        var escalated = await InReview(app);
        // The review's timer is written by an effect after the answer: once it is there, the timer run finds it due.
        await WorkflowSteps.TimerSet(app, escalated, await DueAt(reviewer, escalated));
        app.Clock.Advance(TimeSpan.FromDays(4));
        await WorkflowSteps.RunTimer(app, "FireTimers");
        var approveIt = await InReview(app);
        var rejectIt = await InReview(app);
        var someoneElses = await InReview(app);
        // (A browser test's own app runs beside the whole suite: its effects queue gets more time than the shared app's.)
        await Api.Eventually(async () => (await Queue(reviewer)).Count(e => e!["escalated"]!.GetValue<bool>()) == 1, "the escalation mark in the queue", TimeSpan.FromSeconds(60));
        await Api.Eventually(async () => (await Queue(reviewer)).Count == 4, "four requests queued", TimeSpan.FromSeconds(60));

        // When a guangdong reviewer signs in with a minted token
        var page = await chromium.NewPage(app.BaseAddress, pageErrors);
        await page.GotoAsync("/api/console/");
        await page.GetByLabel("审核员令牌").FillAsync(Token("reviewer-guangdong", DateTimeOffset.UtcNow));
        await page.Locator("#token-form button").ClickAsync();

        // Then the queue shows the escalated request on top, then the others oldest first, in Chinese
        var rows = page.Locator("#queue tbody tr");
        await Expect(rows).ToHaveCountAsync(4);
        Assert.Equal([escalated, approveIt, rejectIt, someoneElses], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
        await Expect(rows.First.Locator(".badge")).ToHaveTextAsync("已升级");
        await Expect(rows.Nth(1).Locator(".badge")).ToHaveTextAsync("未超时");
        await Expect(page.Locator("h2#queue-title")).ToHaveTextAsync("待审队列");
        await Chromium.Screenshot(page, "console-queue");
        Assert.Equal("", string.Join("\n", await Chromium.SeriousViolations(page)));

        // When the reviewer opens a request
        await rows.Nth(1).GetByRole(AriaRole.Button).ClickAsync();

        // Then its documents are rendered (decoded images, not only tags), with the people's masked IDs and ages and the timeline
        var scans = page.Locator("img.scan");
        await Expect(scans).ToHaveCountAsync(ScanTypes.Length);
        await Api.Eventually(async () => await scans.EvaluateAllAsync<int[]>("imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)") is var widths
            && widths.All(w => w == 480), "every document image decoded at its natural width");
        await Expect(page.Locator("#people tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#people tbody")).ToContainTextAsync("********");
        await Expect(page.Locator("#people tbody")).ToContainTextAsync("周岁");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("提交审核");
        await page.Locator("button[aria-label='旋转']").First.ClickAsync();
        Assert.Contains("rotate(90deg)", await scans.First.GetAttributeAsync("style") ?? "");
        await Chromium.Screenshot(page, "console-detail");
        Assert.Equal("", string.Join("\n", await Chromium.SeriousViolations(page)));

        // When the reviewer approves it with the keyboard shortcut
        await page.Keyboard.PressAsync("a");

        // Then it leaves the queue, and the request moved on
        await Expect(page.Locator($"#queue tr[data-id='{approveIt}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#status")).ToContainTextAsync(approveIt);
        Assert.Equal("awaiting-face-check", await ReviewStatus(reviewer, approveIt));

        // When the reviewer rejects another with a reason from the list and a note
        await page.Locator($"#queue tr[data-id='{rejectIt}'] button").ClickAsync();
        await page.GetByLabel("驳回原因").SelectOptionAsync("relation");
        await page.GetByLabel("补充说明").FillAsync("户口簿成员页缺少本人信息");
        await page.GetByRole(AriaRole.Button, new() { Name = "驳回 (R)" }).ClickAsync();

        // Then it leaves the queue, rejected with that reason
        await Expect(page.Locator($"#queue tr[data-id='{rejectIt}']")).ToHaveCountAsync(0);
        Assert.Equal("rejected", await ReviewStatus(reviewer, rejectIt));

        // When a second reviewer approves a request while the first has it open, and the first approves it too
        await page.Keyboard.PressAsync("j");
        await Expect(page.Locator("#facts")).ToContainTextAsync(escalated);
        await page.Keyboard.PressAsync("j");
        await Expect(page.Locator("#facts")).ToContainTextAsync(someoneElses);
        using var second = app.As("reviewer-guangdong-2", "reviewer", "guangdong");
        await Api.Expect(await second.PostAsJsonAsync($"/api/review/bindings/{someoneElses}/decision", new { decision = "approve" }), HttpStatusCode.OK);
        await page.Locator("#approve").ClickAsync();

        // Then the first is told who decided first and what, and the request leaves the queue
        var outcome = page.Locator("#outcome");
        await Expect(outcome).ToBeVisibleAsync();
        await Expect(outcome).ToContainTextAsync("reviewer-guangdong-2");
        await Expect(outcome).ToContainTextAsync("审核通过");
        await Expect(page.Locator($"#queue tr[data-id='{someoneElses}']")).ToHaveCountAsync(0);
        Assert.Equal("", string.Join("\n", pageErrors));
    }

    [Fact]
    public async Task A_remote_registration_waits_in_the_same_queue_and_is_opened_and_approved()
    {
        // Given a guangdong request in review, then two guangdong remote registrations filed through the API
        await using var app = new ServedApp();
        var request = await InReview(app);
        var (approveIt, person) = await Registration(app);
        var (someoneElses, _) = await Registration(app);
        using var reviewer = app.Reviewer("guangdong");
        await Api.Eventually(async () => (await Queue(reviewer)).Count == 1, "the request queued", TimeSpan.FromSeconds(60));

        // When a guangdong reviewer signs in
        var page = await chromium.NewPage(app.BaseAddress, pageErrors);
        await page.GotoAsync("/api/console/");
        await page.GetByLabel("审核员令牌").FillAsync(Token("reviewer-guangdong", DateTimeOffset.UtcNow));
        await page.Locator("#token-form button").ClickAsync();

        // Then the registrations wait beside the request, oldest first, marked 异地备案 with kind, destination, dates and masked ID
        var rows = page.Locator("#queue tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        Assert.Equal([request, approveIt, someoneElses], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
        var row = page.Locator($"#queue tr[data-id='{approveIt}']");
        await Expect(row.Locator(".badge.remote")).ToHaveTextAsync("异地备案");
        await Expect(row).ToContainTextAsync("异地长期居住 · 兰州市");
        await Expect(row).ToContainTextAsync("起长期有效");
        await Expect(row).ToContainTextAsync(person.ResidentId[^4..]);
        await Expect(row.Locator(".badge.on-time")).ToHaveCountAsync(1);

        // When the reviewer opens it
        await row.GetByRole(AriaRole.Button).ClickAsync();

        // Then its facts, the person's masked ID and age, its proof and its timeline are shown, and no counter check is offered
        await Expect(page.Locator("#facts")).ToContainTextAsync(approveIt);
        await Expect(page.Locator("#facts")).ToContainTextAsync("证明材料");
        await Expect(page.Locator("#people tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#people tbody")).ToContainTextAsync("********");
        await Expect(page.Locator("#people tbody")).ToContainTextAsync("周岁");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("提交备案");
        await Expect(page.Locator("#offline-form")).ToBeHiddenAsync();
        Assert.Equal("", string.Join("\n", await Chromium.SeriousViolations(page)));

        // When the reviewer approves it with the keyboard shortcut
        await page.Keyboard.PressAsync("a");

        // Then it leaves the queue, active
        await Expect(page.Locator($"#queue tr[data-id='{approveIt}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#status")).ToContainTextAsync(approveIt);
        Assert.Equal("active", (await Api.Json(await reviewer.GetAsync($"/api/review/remote-registrations/{approveIt}")))["status"]!.GetValue<string>());

        // When a second reviewer approves the other while the first has it open, and the first approves it too
        await page.Locator($"#queue tr[data-id='{someoneElses}'] button").ClickAsync();
        await Expect(page.Locator("#facts")).ToContainTextAsync(someoneElses);
        using var second = app.As("reviewer-guangdong-2", "reviewer", "guangdong");
        await Api.Expect(await second.PostAsJsonAsync($"/api/review/remote-registrations/{someoneElses}/decision", new { decision = "approve" }), HttpStatusCode.OK);
        await page.Locator("#approve").ClickAsync();

        // Then the first is told who decided first and what, and it leaves the queue
        await Expect(page.Locator("#outcome")).ToContainTextAsync("reviewer-guangdong-2");
        await Expect(page.Locator("#outcome")).ToContainTextAsync("审核通过");
        await Expect(page.Locator($"#queue tr[data-id='{someoneElses}']")).ToHaveCountAsync(0);
        Assert.Equal("", string.Join("\n", pageErrors));
    }

    [Fact]
    public async Task An_expired_token_sends_the_reviewer_back_to_sign_in()
    {
        // Given a reviewer signed in with a token that expires in three seconds
        await using var app = new ServedApp();
        var page = await chromium.NewPage(app.BaseAddress, pageErrors);
        await page.GotoAsync("/api/console/");
        await page.GetByLabel("审核员令牌").FillAsync(Token("reviewer-guangdong", DateTimeOffset.UtcNow - TimeSpan.FromMinutes(60) + TimeSpan.FromSeconds(3)));
        await page.Locator("#token-form button").ClickAsync();
        await Expect(page.Locator("#queue-pane")).ToBeVisibleAsync();

        // When it expires
        // Then the console goes back to sign-in and says why, and keeps no token
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#sign-in-reason")).ToHaveTextAsync("登录已过期，请重新登录。");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('familyaid.token')"));
        Assert.Equal("", string.Join("\n", pageErrors));
    }

    [Fact]
    public async Task A_reviewer_signs_in_with_the_authority_by_code_and_PKCE_and_is_sent_back_when_its_token_expires()
    {
        // Given the app trusting an authority (a fake one, on https, with its own key) where the console is a public client
        await using var authority = await FakeAuthority.Start(TimeSpan.FromSeconds(45));
        await using var app = new EntraServedApp(authority);
        var console = new Uri(app.BaseAddress, "/api/console/").ToString();
        authority.RedirectUri = console;
        var page = await chromium.NewPage(app.BaseAddress, pageErrors, trustTestCertificates: true);
        await page.GotoAsync("/api/console/");

        // When the reviewer chooses the authority's sign-in (it signs them in at once and sends them back with a code)
        await page.GetByRole(AriaRole.Button, new() { Name = "使用 Microsoft Entra ID 登录" }).ClickAsync();

        // Then the console redeemed the code with the verifier of its S256 challenge, and the app took the access token:
        // the reviewer of the region its claim names sees the (empty) queue
        // (Two redirects, a token exchange and the first queue read: slow beside the whole suite.)
        await Expect(page.Locator("#queue-state")).ToHaveTextAsync("队列为空，暂无待审申请。", new() { Timeout = 30_000 });
        await Expect(page.Locator("#who")).ToHaveTextAsync("审核员张（guangdong 审核员）");
        Assert.Empty(authority.Refusals);
        Assert.Single(authority.AccessTokens);

        // And the code left the address bar, the token is kept in this tab's session storage only, the PKCE secrets are gone
        Assert.Equal(console, page.Url);
        Assert.Equal(authority.AccessTokens.Single(), await page.EvaluateAsync<string?>("() => sessionStorage.getItem('familyaid.token')"));
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('familyaid.oidc')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));

        // When the token expires
        // Then the console goes back to sign-in and says why
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync(new() { Timeout = 75_000 });
        await Expect(page.Locator("#sign-in-reason")).ToHaveTextAsync("登录已过期，请重新登录。");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('familyaid.token')"));
        Assert.Equal("", string.Join("\n", pageErrors));
    }

    private static string Token(string sub, DateTimeOffset issuedAt) =>
        TokenCommand.Mint(new AuthSettings(null, FamilyAidApp.SigningKey, [], "familyaid", "familyaid"),
            ["--sub", sub, "--role", "reviewer", "--region", "guangdong"], issuedAt);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static async Task<string> InReview(ServedApp app)
    {
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        using var client = app.As(authorizer.Id);
        foreach (var type in ScanTypes)
        {
            await Api.Expect(await Api.Upload(client, id, type, ScanImages.Png(), "image/png"), HttpStatusCode.Created);
        }

        await Api.Expect(await client.PostAsync($"/api/bindings/{id}/submit", null), HttpStatusCode.Accepted);
        // The next request is submitted a minute later (the clock stands still otherwise), so the queue's order is known.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return id;
    }

    private static async Task<(string Id, Person Person)> Registration(ServedApp app)
    {
        // A guangdong person's long-term stay in Lanzhou, proven by documents: guangdong reviews every filing.
        var person = await Api.Insured(app);
        var filed = await RemoteRegistrations.Registrations.Filed(app, person, RemoteRegistrations.Registrations.Body(app, "long-term-residence", "62", "620100", "documents"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return (RemoteRegistrations.Registrations.Id(filed), person);
    }

    private static async Task<System.Text.Json.Nodes.JsonArray> Queue(HttpClient reviewer) =>
        (await Api.Json(await reviewer.GetAsync("/api/review/queue"))).AsArray();

    // The working-day promise of a queued request, once its queue entry is there.
    private static async Task<DateTimeOffset> DueAt(HttpClient reviewer, string id)
    {
        DateTimeOffset? due = null;
        await Api.Eventually(async () => (due = (await Queue(reviewer)).FirstOrDefault(e => e!["id"]!.GetValue<string>() == id)?["dueAt"]?.GetValue<DateTimeOffset>()) is not null,
            $"{id} in the review queue");
        return due!.Value;
    }

    private static async Task<string> ReviewStatus(HttpClient reviewer, string id) =>
        (await Api.Json(await reviewer.GetAsync($"/api/review/bindings/{id}")))["binding"]!["status"]!.GetValue<string>();
}
