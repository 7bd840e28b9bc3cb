using System.Diagnostics;
using FamilyAid.Functions.Tests.Hosting;

namespace FamilyAid.Functions.Tests.Web;

/// <summary>The applicant's page as files: served under the page policy like the console, no inline script, and its QR
/// encoder exactly what scripts/vendor-qrcode.mjs makes of the pinned npm package.</summary>
[Collection(AppCollection.Name)]
public sealed class AppPageTests(FamilyAidApp app)
{
    private static readonly string[] Modules =
        ["app.js", "codes.js", "family.js", "qrcode.js", "remote.js", "request.js", "ui.js", "upload.js", "words.js", "shared/problems.js", "shared/session.js"];

    [Fact]
    public async Task The_page_and_its_modules_are_served_never_cached_with_no_inline_script_or_style()
    {
        // When the page and each of its modules are fetched, without a token
        var client = app.Anonymous();
        using var page = await client.GetAsync("/api/app/");
        var answers = await Task.WhenAll(Modules.Select(m => client.GetAsync($"/api/app/{m}")));

        // Then each is served, not to be cached, under the strict page policy
        foreach (var answer in answers.Append(page))
        {
            await Api.Expect(answer, HttpStatusCode.OK);
            Assert.True(answer.Headers.CacheControl?.NoStore, answer.RequestMessage!.RequestUri!.ToString());
            Assert.Contains("script-src 'self';", Assert.Single(answer.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }

        // And the page loads scripts and styles from files only, and keeps the token out of localStorage and URLs
        var html = await page.Content.ReadAsStringAsync();
        var scripts = string.Concat(await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())));
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", html);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("localStorage.", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token=", scripts, StringComparison.Ordinal);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task The_vendored_QR_encoder_is_the_scripts_output_from_the_pinned_qrcode_package()
    {
        // Given the committed module and a fresh run of the script over node_modules
        var root = AppEndpoints.RepoRoot();
        var committed = Path.Combine(root, "src", "FamilyAid.Functions", "Web", "Sites", "app", "qrcode.js");
        var fresh = Path.Combine(Path.GetTempPath(), $"qrcode-{Guid.NewGuid():N}.js");
        Assert.True(Directory.Exists(Path.Combine(root, "node_modules", "qrcode")), "node_modules/qrcode is missing: ./test.sh runs npm ci.");
        var info = new ProcessStartInfo("node") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(root, "scripts", "vendor-qrcode.mjs"));
        info.ArgumentList.Add(fresh);

        // When the script runs
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        // Then it makes the committed file byte for byte (a changed pin, or a hand edit, shows here)
        try
        {
            Assert.True(process.ExitCode == 0, await stderr);
            Assert.Equal(await File.ReadAllTextAsync(committed), await File.ReadAllTextAsync(fresh));
        }
        finally
        {
            File.Delete(fresh);
        }
    }
}
