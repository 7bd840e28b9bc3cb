using System.Diagnostics;
using System.Reflection;

namespace FamilyAid.Functions.Tests.Deploy;

/// <summary>The Bicep CLI (linux-x64) that restore brought from the Azure.Bicep.CommandLine.linux-x64 package, run on infra/.</summary>
public static class Bicep
{
    /// <summary>The infra folder.</summary>
    public static string Infra => Path.Combine(Hosting.AppEndpoints.RepoRoot(), "infra");

    /// <summary>The CLI's path, from the package path the test project recorded at build time.</summary>
    public static string Cli()
    {
        var path = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;
        Assert.True(File.Exists(path), $"The Bicep CLI is not at {path}: restore the test project (dotnet restore).");
        // NuGet does not always keep the executable bit when it extracts a package.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>Runs the CLI in infra/ and answers its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(Cli())
        {
            WorkingDirectory = Infra,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // No telemetry and no update check from a test.
        info.Environment["BICEP_TRACING_ENABLED"] = "false";
        info.Environment["AZURE_BICEP_CHECK_VERSION"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
