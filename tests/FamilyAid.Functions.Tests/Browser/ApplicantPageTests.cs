using System.Text.Json;
using Microsoft.Playwright;

namespace FamilyAid.Functions.Tests.Browser;

/// <summary>The applicant's page (/api/app/) on phones, in a real browser: a guangdong family goes from nothing to a
/// payment code, with the reviewer console's approval in between, and the QR code on screen decodes to the code the
/// API issued.</summary>
public sealed class ApplicantPageTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly string[] Documents = ["authorizer-id-front", "authorizer-id-back", "member-id-front", "member-id-back", "hukou-home", "hukou-member", "commitment-letter"];

    private readonly List<string> pageErrors = [];

    [Fact]
    public async Task A_guangdong_family_goes_from_a_request_to_a_payment_code_whose_QR_decodes_to_the_issued_code()
    {
        // Given an employee insured in guangdong and their grown-up child, insured there too, on their phones
        await using var app = new ServedApp();
        var sharer = await Api.Insured(app, personalAccountFen: 500_000);
        var child = await Api.Insured(app, insuranceType: "resident");
        var page = await SignedIn(app, sharer.Id);

        // When the sharer asks for 家庭共济 with 子女, under guangdong's policy in force, and enters the child
        await Expect(page.Locator("#policy-note")).ToContainTextAsync("guangdong-2024");
        await page.GetByRole(AriaRole.Radio, new() { Name = "家庭共济" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "子女", Exact = true }).CheckAsync();
        await page.GetByLabel("姓名").FillAsync(child.Name);
        await page.GetByLabel("身份证号").FillAsync(child.ResidentId);
        await page.GetByLabel("手机号").FillAsync(child.Phone);
        await Chromium.Screenshot(page, "app-request");
        await NoSeriousViolations(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "创建申请" }).TapAsync();

        // Then the request lists the seven documents guangdong wants
        var documents = page.Locator("#documents li");
        await Expect(documents).ToHaveCountAsync(Documents.Length);
        var id = await page.Locator("#request-facts .fact-requestId").InnerTextAsync();

        // When the sharer photographs each one (a 2400 × 1600 picture, larger than the API takes), and the first upload
        // is cut off on the way
        var photo = ScanImages.Png(2400, 1600);
        Assert.True(photo.Length > FamilyAidApp.DocumentLimit, $"the photo ({photo.Length} bytes) is larger than a document may be");
        var cutOff = 0;
        await page.RouteAsync("**/documents/authorizer-id-front", async route =>
        {
            if (Interlocked.Increment(ref cutOff) == 1)
            {
                await route.AbortAsync();
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await Photograph(page, Documents[0], photo);
        var first = page.Locator($"#documents li[data-type='{Documents[0]}']");
        await Expect(first.Locator(".doc-state")).ToContainTextAsync("上传失败");
        await first.GetByRole(AriaRole.Button, new() { Name = "重试" }).TapAsync();
        await Expect(first.Locator(".doc-state")).ToHaveTextAsync("已上传");
        foreach (var type in Documents.Skip(1))
        {
            await Photograph(page, type, photo);
            await Expect(page.Locator($"#documents li[data-type='{type}'] .doc-state")).ToHaveTextAsync("已上传");
        }

        // Then each was downscaled in the browser before it went up: the agency gets 1280-pixel JPEGs
        await Expect(page.Locator("#documents li.done")).ToHaveCountAsync(Documents.Length);
        await Expect(first.Locator(".resized")).ToHaveTextAsync("已压缩：2400×1600 → 1280×853");
        using var reviewer = app.Reviewer("guangdong");
        var stored = (await Api.Json(await reviewer.GetAsync($"/api/review/bindings/{id}")))["documents"]!.AsArray();
        Assert.All(stored, d => Assert.Equal("image/jpeg", d!["contentType"]!.GetValue<string>()));
        Assert.All(stored, d => Assert.InRange(d!["size"]!.GetValue<long>(), 1, FamilyAidApp.DocumentLimit));
        await Chromium.Screenshot(page, "app-documents");

        // When the sharer submits
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).TapAsync();

        // Then the timeline (审批进展) shows it submitted, in review, with its due time
        await Expect(page.Locator("#request-facts .fact-status")).ToHaveTextAsync("审核中");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("提交审核");
        await Expect(page.Locator("#request-facts .fact-dueAt")).Not.ToHaveTextAsync("—");
        await Chromium.Screenshot(page, "app-timeline");
        await NoSeriousViolations(page);

        // When a guangdong reviewer approves it in the console (signed in through the dev sign-in)
        await Api.Eventually(async () => (await Api.Json(await reviewer.GetAsync("/api/review/queue"))).AsArray().Any(e => e!["id"]!.GetValue<string>() == id),
            "the request in the review queue", TimeSpan.FromSeconds(60));
        var console = await chromium.NewPage(app.BaseAddress, pageErrors);
        await console.GotoAsync("/api/console/");
        await console.Locator("#dev-sub").FillAsync("reviewer-1");
        await console.Locator("#dev-region").FillAsync("guangdong");
        await console.Locator("#dev-form button").ClickAsync();
        await console.Locator($"#queue tr[data-id='{id}'] button").ClickAsync();
        await Expect(console.Locator("#facts")).ToContainTextAsync(id);
        await console.Locator("#approve").ClickAsync();
        await Expect(console.Locator($"#queue tr[data-id='{id}']")).ToHaveCountAsync(0);

        // Then the sharer's page moves on by itself: the child's face check is next
        await Expect(page.Locator("#request-facts .fact-status")).ToHaveTextAsync("待人脸核验", new() { Timeout = 15_000 });
        await Expect(page.Locator("#timeline")).ToContainTextAsync("审核通过");

        // When the child signs in on their own phone, consents and starts the face check, and the provider reports a pass
        var childPage = await SignedIn(app, child.Id);
        var invitation = childPage.Locator($".invite[data-id='{id}']");
        await invitation.GetByLabel("我同意本次人脸识别核验").CheckAsync();
        await Chromium.Screenshot(childPage, "app-face-check");
        var started = await childPage.RunAndWaitForResponseAsync(
            () => invitation.GetByRole(AriaRole.Button, new() { Name = "开始人脸核验" }).TapAsync(),
            r => r.Url.EndsWith("/face-check", StringComparison.Ordinal) && r.Request.Method == "POST");
        var sessionId = (await started.JsonAsync())!.Value.GetProperty("sessionId").GetString()!;
        await Expect(invitation.Locator(".face-state")).ToHaveTextAsync("人脸核验进行中，请稍候…");
        await Api.Expect(await Api.FaceCheckCallback(app, sessionId, "pass"), HttpStatusCode.OK);

        // Then the child's page says the family is open
        await Expect(invitation.Locator(".face-state")).ToHaveTextAsync("核验通过，家庭关系已开通。", new() { Timeout = 15_000 });

        // When the child shows a payment code (the app's clock, standing since it started, is set to now: codes live 120 s on it)
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        await childPage.GetByRole(AriaRole.Button, new() { Name = "付款码", Exact = true }).TapAsync();
        var issued = await childPage.RunAndWaitForResponseAsync(
            () => childPage.GetByRole(AriaRole.Button, new() { Name = "展示我的付款码" }).TapAsync(),
            r => r.Url.EndsWith("/api/payment-codes", StringComparison.Ordinal) && r.Request.Method == "POST");
        var code = (await issued.JsonAsync())!.Value.GetProperty("code").GetString()!;

        // Then the QR code on screen, read from its pixels, is that code, with a countdown to its refresh
        await Expect(childPage.Locator("#countdown")).ToContainTextAsync("秒后自动刷新");
        Assert.Equal(code, await DecodeQr(childPage));
        await Chromium.Screenshot(childPage, "app-payment-code");
        await NoSeriousViolations(childPage);

        // When the sharer opens the family view
        await page.GetByRole(AriaRole.Button, new() { Name = "家庭", Exact = true }).TapAsync();

        // Then it shows the child, the balances and the statement
        var member = page.Locator("#members li");
        await Expect(member).ToHaveCountAsync(1);
        await Expect(member).ToContainTextAsync(child.Name);
        await Expect(page.Locator("#balances")).ToContainTextAsync("¥5,000.00");
        await Chromium.Screenshot(page, "app-family");
        await NoSeriousViolations(page);

        // When the sharer ends the relationship and confirms
        await member.GetByRole(AriaRole.Button, new() { Name = "解除关系" }).TapAsync();
        await Expect(page.Locator("#confirm")).ToBeVisibleAsync();
        await page.Locator("#confirm-yes").TapAsync();

        // Then the family is gone, and the child's next code is refused, said in words
        await Expect(page.Locator("#family-empty")).ToBeVisibleAsync();
        await childPage.GetByRole(AriaRole.Button, new() { Name = "刷新" }).TapAsync();
        await Expect(childPage.Locator("#code-error")).ToBeVisibleAsync();
        await Expect(childPage.Locator("#code-panel")).ToBeHiddenAsync();
        Assert.Equal("", string.Join("\n", pageErrors));
    }

    [Fact]
    public async Task A_proxy_shows_a_parents_e_voucher_and_files_remote_registrations_for_both_of_them()
    {
        // Given a guangdong employee who acts for his mother (亲情账户, consented by her face check)
        await using var app = new ServedApp();
        var son = await Api.Insured(app);
        var mother = await Api.Insured(app);
        var id = await Api.CreateBinding(app, son, mother, kind: "proxy", relation: "parent");
        await Api.Expect(await app.As(son.Id).PostAsync($"/api/bindings/{id}/submit", null), HttpStatusCode.Accepted);
        var begun = await app.As(mother.Id).PostAsJsonAsync($"/api/bindings/{id}/face-check", new { consent = true });
        await Api.Expect(begun, HttpStatusCode.Created);
        await Api.Expect(await Api.FaceCheckCallback(app, (await Api.Json(begun))["sessionId"]!.GetValue<string>(), "pass"), HttpStatusCode.OK);
        await Api.Eventually(async () => await Api.Status(app, son, id) == "approved", "the proxy relationship active");
        var page = await SignedIn(app, son.Id);

        // When he opens the family view and shows her e-voucher
        await page.GetByRole(AriaRole.Button, new() { Name = "家庭", Exact = true }).TapAsync();
        var shown = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = $"展示{mother.Name}的电子凭证" }).TapAsync(),
            r => r.Url.EndsWith("/e-voucher", StringComparison.Ordinal));
        var voucher = (await shown.JsonAsync())!.Value.GetProperty("code").GetString()!;

        // Then the code tab shows her e-voucher as a QR code that decodes to the code the API issued
        await Expect(page.Locator("#code-title")).ToHaveTextAsync($"{mother.Name}的医保电子凭证");
        await Expect(page.Locator("#countdown")).ToContainTextAsync("秒后自动刷新");
        Assert.Equal(voucher, await DecodeQr(page));

        // When he files a registration for her in the remote tab, to Lanzhou, and then the same one again
        await page.GetByRole(AriaRole.Button, new() { Name = "备案", Exact = true }).TapAsync();
        await page.GetByLabel("为谁备案").SelectOptionAsync(new SelectOptionValue { Label = mother.Name });
        await page.GetByLabel("就医地").SelectOptionAsync("620100");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交备案" }).TapAsync();
        await Expect(page.Locator("#registrations li")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交备案" }).TapAsync();

        // Then the second is refused, said in words, and nothing more is filed
        await Expect(page.Locator("#remote-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#registrations li")).ToHaveCountAsync(1);

        // When he files one for himself
        await page.GetByLabel("为谁备案").SelectOptionAsync(new SelectOptionValue { Label = "本人" });
        await page.GetByRole(AriaRole.Button, new() { Name = "提交备案" }).TapAsync();

        // Then both are listed, each with whom it is for, waiting for guangdong's review
        var filed = page.Locator("#registrations li");
        await Expect(filed).ToHaveCountAsync(2);
        await Expect(page.Locator("#registrations")).ToContainTextAsync($"备案人：{mother.Name}");
        await Expect(page.Locator("#registrations")).ToContainTextAsync("备案人：本人");
        await Expect(filed.First).ToContainTextAsync("甘肃省 兰州市");
        await Expect(filed.First).ToContainTextAsync("审核中");
        await Chromium.Screenshot(page, "app-remote");
        await NoSeriousViolations(page);
        Assert.Equal("", string.Join("\n", pageErrors));
    }

    private async Task<IPage> SignedIn(ServedApp app, string personId)
    {
        var page = await chromium.NewPage(app.BaseAddress, pageErrors, phone: true);
        await page.GotoAsync("/api/app/");
        await page.GetByLabel("参保人编号").FillAsync(personId);
        await page.Locator("#dev-form button").TapAsync();
        await Expect(page.Locator("#home")).ToBeVisibleAsync();
        return page;
    }

    private static Task Photograph(IPage page, string type, byte[] photo) =>
        page.Locator($"#camera-{type}").SetInputFilesAsync(new FilePayload { Name = $"{type}.png", MimeType = "image/png", Buffer = photo });

    /// <summary>Decodes the QR canvas from its pixels with jsQR (the pinned npm package), as a scanner would.</summary>
    private static async Task<string?> DecodeQr(IPage page)
    {
        var jsQr = Path.Combine(Hosting.AppEndpoints.RepoRoot(), "node_modules", "jsqr", "dist", "jsQR.js");
        Assert.True(File.Exists(jsQr), $"{jsQr} is missing: ./test.sh runs npm ci.");
        // Evaluated through the DevTools protocol, so the page's CSP (no inline script) does not stop it.
        await page.EvaluateAsync(await File.ReadAllTextAsync(jsQr));
        var found = await page.EvaluateAsync<JsonElement>(
            "() => { const c = document.getElementById('qr'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height);"
            + " const r = jsQR(d.data, c.width, c.height); return r ? r.data : null; }");
        return found.ValueKind == JsonValueKind.String ? found.GetString() : null;
    }

    private static async Task NoSeriousViolations(IPage page) =>
        Assert.Equal("", string.Join("\n", await Chromium.SeriousViolations(page)));

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
