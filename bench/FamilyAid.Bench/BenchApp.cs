using System.Globalization;
using System.Net.Http.Headers;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace FamilyAid.Bench;

/// <summary>The app in-process, with the settings of the test fixture (tests/…/Infrastructure/FamilyAidApp.cs) and a
/// private <c>Storage:Prefix</c>; the real clock; its local queue and timer triggers running, so effects get done.</summary>
internal sealed class BenchApp(string storage, string prefix, AppCounters counters, Dictionary<string, string?>? extra = null) : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-that-is-long-enough-0123456789";

    /// <summary>As the test fixture's settings, less the fake clock (a load run needs the real one).</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["AzureWebJobsStorage"] = storage,
        ["Storage:Prefix"] = prefix,
        ["Auth:SigningKey"] = SigningKey,
        ["FaceCheck:CallbackSecret"] = "test-face-check-callback-secret",
        ["Privacy:ActiveKeyId"] = "k1",
        ["Privacy:EncryptionKeys:k1"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["Privacy:BlindIndexKey"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
        ["PaymentCodes:SigningKey"] = Convert.ToBase64String(Enumerable.Range(151, 32).Select(i => (byte)i).ToArray()),
        // The settlement phases issue their payment codes before timing (API default lifetime 120 s); an hour outlives the run.
        ["PaymentCodes:LifetimeSeconds"] = "3600",
        ["Documents:MaxBytes"] = (64 * 1024).ToString(CultureInfo.InvariantCulture),
        // The driver writes far faster than people do; the limits are not what is measured.
        ["RateLimits:WritesPerCallerPerMinute"] = "100000",
        ["RateLimits:WritesPerAddressPerMinute"] = "100000",
        ["RateLimits:WritesPerInstitutionPerMinute"] = "100000",
        // No Functions host: the app runs its queue and timer triggers itself, polling an idle queue as host.json tells
        // the host to (backing off to 2 s). Polling every 50 ms, as the tests do, sent Azurite about 100 requests a second
        // of empty polls, a fifth of its capacity, when effects no longer go through the queue (DECISIONS 38).
        ["Triggers:Local"] = "true",
        ["Triggers:VisibilityTimeoutSeconds"] = "1",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings().Concat(extra ?? []))
        {
            builder.UseSetting(key, value);
        }

        // The caller's execution context flows into the app, so that StorageCalls can tell whose storage requests are whose.
        builder.UseTestServer(o => o.PreserveExecutionContext = true);

        // Per-request Information logs to the console would cost more than some of what is measured.
        // The Azure SDK's own warnings (a 409 on every CreateIfNotExists, slow responses) are left out too: the run measures them.
        builder.ConfigureLogging(logging => logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Azure", LogLevel.Error).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
            .AddProvider(counters.Logs()));
    }

    /// <summary>A client with a bearer token for these claims (minted as the app's token tool does).</summary>
    public HttpClient As(string sub, string? role = null, string? institution = null)
    {
        var args = new List<string> { "--sub", sub };
        if (role is not null)
        {
            args.AddRange(["--role", role]);
        }

        if (institution is not null)
        {
            args.AddRange(["--institution", institution]);
        }

        var token = TokenCommand.Mint(new AuthSettings(null, SigningKey, [], "familyaid", "familyaid"), args, DateTimeOffset.UtcNow);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
