using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace FamilyAid.Functions.Tests.Security;

/// <summary>An app of its own, made inside a test: settings changed by <paramref name="adjust"/>, and optionally a
/// clock that starts elsewhere than <see cref="FamilyAidApp.Start"/> (links signed for Azurite must be valid by the real clock).</summary>
public class ConfiguredApp(Action<Dictionary<string, string?>> adjust, DateTimeOffset? clockStart = null) : FamilyAidApp
{
    private readonly FakeTimeProvider? ownClock = clockStart is { } start ? new FakeTimeProvider(start) : null;

    /// <summary>The clock the app runs on.</summary>
    public FakeTimeProvider AppClock => ownClock ?? Clock;

    /// <summary>A storage prefix nobody else uses: the app gets tables and a container of its own.</summary>
    public static string NewPrefix(string stem) => stem + Guid.NewGuid().ToString("N")[..(16 - stem.Length)];

    /// <summary>A 32-byte key, base64, from a seed.</summary>
    public static string Key32(int seed) => Convert.ToBase64String(Enumerable.Range(seed, 32).Select(i => (byte)i).ToArray());

    protected override void Adjust(Dictionary<string, string?> settings) => adjust(settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (ownClock is not null)
        {
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(ownClock)));
        }
    }
}
