using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Logging;

namespace FamilyAid.Functions.Tests.Logging;

/// <summary>A log provider with no filter rule of its own: it gets what the app's rules let through to any provider
/// (unlike <see cref="CapturedLogs"/>, which sees everything for the privacy scans).</summary>
public sealed class FilteredLogs : ILoggerProvider
{
    private readonly CapturedLogs inner = new();

    public IEnumerable<string> Lines => inner.Lines;

    public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}

/// <summary>An app of its own storage prefix, started without appsettings.json (where the Functions host may start it),
/// with a <see cref="FilteredLogs"/> provider.</summary>
public sealed class BareApp(string? prefix = null) : PrivateApp
{
    public FilteredLogs Filtered { get; } = new();

    protected override void Adjust(Dictionary<string, string?> settings)
    {
        base.Adjust(settings);
        if (prefix is not null)
        {
            settings["Storage:Prefix"] = prefix;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, config) =>
        {
            foreach (var json in config.Sources.OfType<JsonConfigurationSource>().Where(s => s.Path?.StartsWith("appsettings", StringComparison.Ordinal) == true).ToList())
            {
                config.Sources.Remove(json);
            }
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Filtered));
    }
}

public sealed class QuietStorageLogTests
{
    private static readonly string[] Quiet = ["Trace ", "Debug ", "Information "];

    [Fact]
    public async Task Storage_calls_are_not_logged_below_warning_even_without_appsettings_json()
    {
        // Given an app started without appsettings.json
        await using var app = new BareApp();

        // When it makes storage calls (a person's record and blind index)
        await Api.Insured(app);

        // Then the storage SDK did log them, but below Warning, so no provider gets them by default
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Information Azure.", StringComparison.Ordinal));
        var leaked = app.Filtered.Lines.Where(l => Quiet.Any(q => l.StartsWith(q + "Azure", StringComparison.Ordinal))).ToList();
        Assert.True(leaked.Count == 0, $"storage SDK lines below Warning reach a provider: {leaked.FirstOrDefault()}");
    }

    [Fact]
    public async Task Tables_queues_and_containers_that_already_exist_log_no_conflict_warning_at_start_nor_at_each_timer()
    {
        // Given an app's storage, created by a first start
        var prefix = Security.ConfiguredApp.NewPrefix("q");
        await using (var first = new BareApp(prefix))
        {
            await Api.Expect(await first.Anonymous().GetAsync("/api/health"), HttpStatusCode.OK);
        }

        // When the app starts again on it and its timers run (their lock container exists after the first run)
        await using var app = new BareApp(prefix);
        await Api.Expect(await app.Anonymous().GetAsync("/api/health"), HttpStatusCode.OK);
        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(20));
            await Task.Delay(500);
        }

        // Then no "already exists" conflict was logged at Warning or above: it is what the app expects
        var warnings = app.Logs.Lines
            .Where(l => (l.StartsWith("Warning ", StringComparison.Ordinal) || l.StartsWith("Error ", StringComparison.Ordinal))
                && l.Contains(" 409 ", StringComparison.Ordinal) && l.Contains("already exists", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(warnings.Count == 0, $"{warnings.Count} conflicts logged, e.g. {warnings.FirstOrDefault()}");
    }
}
