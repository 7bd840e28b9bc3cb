using System.Diagnostics;
using System.Net.Sockets;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit.Abstractions;

namespace FamilyAid.Functions.Tests.Hosting;

/// <summary>The real executable, started as the Functions host (or a developer) starts it.</summary>
public sealed class ProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly string workingDirectory = Directory.CreateTempSubdirectory("familyaid-process-").FullName;

    public void Dispose() => Directory.Delete(workingDirectory, recursive: true);

    /// <summary>Configuration roots the app reads; any variable that could supply one is removed from the child.</summary>
    private static readonly string[] SettingRoots =
        ["AzureWebJobs", "Auth__", "FaceCheck__", "Privacy__", "Documents__", "Bindings__", "Storage__", "Triggers__", "RateLimits__", App.PortVariable];

    private static readonly string[] EnvironmentPrefixes = ["", "DOTNET_", "ASPNETCORE_"];

    private ProcessStartInfo Start(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AppEndpoints.AppDll());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.ToList())
        {
            if (EnvironmentPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)
                                             && SettingRoots.Any(r => name[p.Length..].StartsWith(r, StringComparison.OrdinalIgnoreCase))))
            {
                info.Environment.Remove(name);
            }
        }

        // Production: no user secrets, nothing but what this test gives.
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>The test settings as environment variables, as under the Functions host: it invokes the queue and timer
    /// functions itself, so the app runs no triggers of its own (and takes no work from the tests' shared app).</summary>
    private static Dictionary<string, string> RequiredSettings()
    {
        var settings = FamilyAidApp.Settings()
            .Where(s => !s.Key.StartsWith("Triggers:", StringComparison.Ordinal))
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        settings["Triggers__Local"] = "false";
        return settings;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> Run(ProcessStartInfo info, TimeSpan timeout)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The process did not exit within {timeout.TotalSeconds} s. stdout: {await stdout} stderr: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Without_settings_it_refuses_to_start_with_one_clear_line()
    {
        // Given a folder with no local.settings.json and an environment without the app's settings
        var info = Start(new Dictionary<string, string>());

        // When the app is started there
        var (exitCode, stdout, stderr) = await Run(info, TimeSpan.FromSeconds(20));

        // Then it stops at once, saying in one line which setting it lacks
        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("FamilyAid cannot start:", line, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_command_mints_a_token_the_app_accepts_and_explains_bad_arguments()
    {
        // Given the required settings in the environment
        var settings = RequiredSettings();

        // When a token is minted for x, and then with no --sub
        var minted = await Run(Start(settings, "token", "--sub", "x"), TimeSpan.FromSeconds(20));
        var bad = await Run(Start(settings, "token", "--role", "admin"), TimeSpan.FromSeconds(20));

        // Then the first prints a JWT signed with the configured key whose sub is x
        Assert.True(minted.ExitCode == 0, minted.Stderr);
        var token = Assert.Single(minted.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(
            token, CallerAuthentication.Parameters(new AuthSettings(null, FamilyAidApp.SigningKey, [], "familyaid", "familyaid")));
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal("x", validation.Claims["sub"]);
        Assert.False(validation.Claims.ContainsKey("role"));

        // And the second prints the usage and fails
        Assert.Equal(TokenCommand.BadArguments, bad.ExitCode);
        Assert.Contains(TokenCommand.Usage, bad.Stderr + bad.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", bad.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_command_has_help_and_refuses_a_lifetime_that_is_not_a_positive_number()
    {
        // Given no settings at all (help needs none)
        var none = new Dictionary<string, string>();

        // When help is asked for, and a token is asked for with a lifetime of "soon" and of 0 minutes
        var help = await Run(Start(none, "token", "--help"), TimeSpan.FromSeconds(20));
        var soon = await Run(Start(RequiredSettings(), "token", "--sub", "x", "--minutes", "soon"), TimeSpan.FromSeconds(20));
        var zero = await Run(Start(RequiredSettings(), "token", "--sub", "x", "--minutes", "0"), TimeSpan.FromSeconds(20));

        // Then help lists every option and succeeds
        Assert.True(help.ExitCode == 0, help.Stderr);
        Assert.All(["--sub", "--role", "--region", "--institution", "--minutes"], option => Assert.Contains(option, help.Stdout, StringComparison.Ordinal));

        // And each bad lifetime exits 2 saying what is wrong, with no token
        Assert.All([soon, zero], bad =>
        {
            Assert.Equal(TokenCommand.BadArguments, bad.ExitCode);
            Assert.Contains("--minutes must be a whole number above 0.", bad.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("eyJ", bad.Stdout, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task It_serves_on_the_port_the_functions_host_gives_it()
    {
        // Given a free port and every setting in the environment, storage being the test Azurite
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var settings = RequiredSettings();
        settings[App.PortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // When the app is started as a custom handler
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(Start(settings))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // Then it answers its health check on that port
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            HttpResponseMessage? answer = null;
            while (clock.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                try
                {
                    answer = await http.GetAsync($"http://127.0.0.1:{port}/api/health");
                    if (answer.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                await Task.Delay(25);
            }

            var elapsed = clock.Elapsed;
            if (process.HasExited)
            {
                Assert.Fail($"The app exited with {process.ExitCode}: {await stderr}");
            }

            Assert.True(answer?.StatusCode == HttpStatusCode.OK, $"No 200 from /api/health within 30 s (last: {answer?.StatusCode})");
            Assert.Equal("ok", (await Api.Json(answer!))["status"]!.GetValue<string>());
            output.WriteLine($"Process start to first 200 from /api/health: {elapsed.TotalMilliseconds:F0} ms");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            _ = await stdout;
            _ = await stderr;
        }
    }
}
