using System.Text.Json.Nodes;

namespace FamilyAid.Functions.Tests.Deploy;

/// <summary>infra/ compiles and lints clean with the restored Bicep CLI: the main template with every module, and the dev parameters.</summary>
public sealed class InfraTests
{
    [Fact]
    public async Task Main_and_its_modules_build_and_lint_without_a_warning_and_the_dev_parameters_fit()
    {
        // Given every module is used by main.bicep (so that linting main lints them all)
        var main = await File.ReadAllTextAsync(Path.Combine(Bicep.Infra, "main.bicep"));
        foreach (var module in Directory.GetFiles(Path.Combine(Bicep.Infra, "modules"), "*.bicep"))
        {
            Assert.Contains($"'modules/{Path.GetFileName(module)}'", main, StringComparison.Ordinal);
        }

        // and the secrets a deployer exports (dummy values here)
        var secrets = new Dictionary<string, string>
        {
            ["FAMILYAID_AUTH_SIGNING_KEY"] = "x",
            ["FAMILYAID_FACECHECK_CALLBACK_SECRET"] = "x",
            ["FAMILYAID_PAYMENTCODES_SIGNING_KEY"] = "x",
            ["FAMILYAID_PRIVACY_BLIND_INDEX_KEY"] = "x",
            ["FAMILYAID_PRIVACY_ENCRYPTION_KEY_K1"] = "x",
        };

        // When the CLI builds main, lints it and builds the dev parameter file (at once: each run starts the CLI anew)
        var build = Bicep.Run(null, "build", "main.bicep", "--stdout");
        var lint = Bicep.Run(null, "lint", "main.bicep");
        var parameters = Bicep.Run(secrets, "build-params", "main.bicepparam", "--stdout");
        await Task.WhenAll(build, lint, parameters);

        // Then all succeed; build and lint say nothing (a warning is printed with exit code 0)
        var (buildCode, template) = await build;
        Assert.True(buildCode == 0 && !template.Contains(": Warning ", StringComparison.Ordinal), $"bicep build main.bicep:\n{template}");
        Assert.True((await lint).ExitCode == 0 && (await lint).Output.Length == 0, $"bicep lint main.bicep:\n{(await lint).Output}");
        Assert.True((await parameters).ExitCode == 0, $"bicep build-params main.bicepparam:\n{(await parameters).Output}");

        // and the template outputs the app's URL
        var outputs = JsonNode.Parse(template)!["outputs"]!.AsObject().Select(o => o.Key).ToList();
        Assert.Contains("appUrl", outputs);
        Assert.Contains("apiUrl", outputs);
    }
}
