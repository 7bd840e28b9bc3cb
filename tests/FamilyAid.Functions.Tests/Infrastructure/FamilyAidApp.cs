using System.Net.Http.Headers;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using FamilyAid.Functions.Bindings.FaceCheck;
using Moq;

namespace FamilyAid.Functions.Tests.Infrastructure;

/// <summary>The app on the real Azurite that ./test.sh starts, with a fake clock and test settings.</summary>
public class FamilyAidApp : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-that-is-long-enough-0123456789";
    public const string CallbackSecret = "test-face-check-callback-secret";
    public const long DocumentLimit = 64 * 1024;

    /// <summary>Tuesday 2026-11-24 10:00 in China.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The face-check provider (a port to the outside): each session gets a fresh id; tests play the provider's callback.</summary>
    public Mock<IFaceCheckProvider> FaceChecks { get; } = NewFaceChecks();

    private static Mock<IFaceCheckProvider> NewFaceChecks()
    {
        var mock = new Mock<IFaceCheckProvider>();
        mock.Setup(p => p.StartSession(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => "fc-" + Guid.NewGuid().ToString("N"));
        return mock;
    }

    /// <summary>What the app logged, for tests that check nothing personal is logged.</summary>
    public CapturedLogs Logs { get; } = new();

    public static string StorageConnection =>
        Environment.GetEnvironmentVariable("FAMILYAID_TEST_STORAGE") is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                "FAMILYAID_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite and sets it.");

    public static Dictionary<string, string?> Settings() => new()
    {
        ["AzureWebJobsStorage"] = StorageConnection,
        ["Auth:SigningKey"] = SigningKey,
        ["FaceCheck:CallbackSecret"] = CallbackSecret,
        ["Privacy:ActiveKeyId"] = "k1",
        ["Privacy:EncryptionKeys:k1"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["Privacy:BlindIndexKey"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
        ["PaymentCodes:SigningKey"] = Convert.ToBase64String(Enumerable.Range(151, 32).Select(i => (byte)i).ToArray()),
        ["Documents:MaxBytes"] = DocumentLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Tests write far faster than people; the limits themselves are tested with their own app.
        ["RateLimits:WritesPerCallerPerMinute"] = "100000",
        ["RateLimits:WritesPerAddressPerMinute"] = "100000",
        ["RateLimits:WritesPerInstitutionPerMinute"] = "100000",
        // No Functions host in tests: the app runs its queue and timer triggers itself, polling briskly.
        ["Triggers:Local"] = "true",
        ["Triggers:PollMilliseconds"] = "50",
        ["Triggers:VisibilityTimeoutSeconds"] = "1",
    };

    protected virtual void Adjust(Dictionary<string, string?> settings)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = Settings();
        Adjust(settings);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.Replace(ServiceDescriptor.Singleton(FaceChecks.Object));
        });
        // A rule of its own, so the app's quieter levels (Azure, ASP.NET Core: Warning) do not hide lines from the privacy scan.
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Debug));
    }

    /// <summary>A client with no token.</summary>
    public HttpClient Anonymous() => CreateClient();

    /// <summary>A client with a token for these claims.</summary>
    public HttpClient As(string sub, string? role = null, string? region = null, string? institution = null)
    {
        var args = new List<string> { "--sub", sub };
        if (role is not null)
        {
            args.AddRange(["--role", role]);
        }

        if (region is not null)
        {
            args.AddRange(["--region", region]);
        }

        if (institution is not null)
        {
            args.AddRange(["--institution", institution]);
        }

        // Token lifetimes are checked against the real clock by the JWT handler, not the app's fake one.
        var token = TokenCommand.Mint(new AuthSettings(null, SigningKey, [], "familyaid", "familyaid"), args, DateTimeOffset.UtcNow);
        // An institution's token works only for a designated institution: record it, unless the test did.
        var client = role == "institution" && institution is not null ? CreateDefaultClient(new AutoInstitution(this, institution)) : CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Admin() => As("admin-1", "admin");

    public HttpClient Reviewer(string region) => As($"reviewer-{region}", "reviewer", region);
}
