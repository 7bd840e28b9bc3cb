using System.Diagnostics;
using System.Text.Json.Nodes;

namespace FamilyAid.Functions.Tests.Hosting;

/// <summary>The OpenAPI document the app serves passes Spectral (.spectral.yaml) and Redocly (redocly.yaml), both from the
/// repository's node_modules, with no error and no warning: a rule the project does not keep is switched off there, with
/// its reason, never ignored here.</summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiLintTests(FamilyAidApp app) : IAsyncLifetime
{
    private static readonly TimeSpan LintTimeout = TimeSpan.FromSeconds(60);

    private readonly string file = Path.Combine(Path.GetTempPath(), $"familyaid-openapi-{Guid.NewGuid():N}.json");

    public async Task InitializeAsync()
    {
        using var response = await app.Anonymous().GetAsync("/api/openapi.json");
        await Api.Expect(response, HttpStatusCode.OK);
        await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync()
    {
        File.Delete(file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Spectral_finds_no_error_and_no_warning_in_the_served_document()
    {
        // Given the served document in a file
        // When Spectral lints it with the repository's ruleset
        var output = await Lint("spectral", "lint", file, "--ruleset", ".spectral.yaml", "--format", "json", "--quiet");

        // Then nothing is reported at warning (1) or error (0)
        var findings = JsonNode.Parse(output)!.AsArray()
            .Where(r => r!["severity"]!.GetValue<int>() <= 1)
            .Select(r => $"{r!["code"]} at {string.Join('.', r["path"]!.AsArray())}: {r["message"]}")
            .ToList();
        Assert.True(findings.Count == 0, $"Spectral: {findings.Count} finding(s)\n{string.Join('\n', findings)}");
    }

    [Fact]
    public async Task Redocly_finds_no_error_and_no_warning_in_the_served_document()
    {
        // Given the served document in a file
        // When Redocly lints it with the repository's configuration
        var output = await Lint("redocly", "lint", file, "--config", "redocly.yaml", "--format", "json", "--max-problems", "1000");

        // Then it counts no error and no warning
        var report = JsonNode.Parse(output)!;
        var findings = report["problems"]!.AsArray()
            .Select(p => $"{p!["severity"]} {p["ruleId"]} at {p["location"]?[0]?["pointer"]}: {p["message"]}")
            .ToList();
        var totals = report["totals"]!;
        Assert.True(
            totals["errors"]!.GetValue<int>() == 0 && totals["warnings"]!.GetValue<int>() == 0,
            $"Redocly: {totals.ToJsonString()}\n{string.Join('\n', findings)}");
    }

    /// <summary>Runs a linter from node_modules/.bin in the repository root and answers what it wrote to stdout.</summary>
    private static async Task<string> Lint(string tool, params string[] args)
    {
        var root = AppEndpoints.RepoRoot();
        var path = Path.Combine(root, "node_modules", ".bin", tool);
        Assert.True(File.Exists(path), $"{path} is missing: run `npm ci` in {root} (./test.sh does it when package-lock.json changes).");
        var info = new ProcessStartInfo(path)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // No network from a test: no usage reports, no update check.
        info.Environment["REDOCLY_TELEMETRY"] = "off";
        info.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(LintTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {LintTimeout}: {await stderr}");
        }

        var output = await stdout;
        Assert.True(output.TrimStart().StartsWith('{') || output.TrimStart().StartsWith('['),
            $"{tool} exited {process.ExitCode} without a JSON report:\n{output}\n{await stderr}");
        return output;
    }
}
