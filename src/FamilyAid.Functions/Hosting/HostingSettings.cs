using FamilyAid.Functions.Settings;
using IPNetwork = System.Net.IPNetwork;

namespace FamilyAid.Functions.Hosting;

/// <summary>The settings of the HTTP edge itself: write rate limits and the proxies trusted to name the client.</summary>
public sealed record HostingSettings(WriteRateLimits RateLimits, IReadOnlyList<IPNetwork> TrustedProxies)
{
    /// <summary>Reads and checks the <c>RateLimits</c> and <c>ForwardedHeaders</c> settings.</summary>
    public static HostingSettings Read(IConfiguration config) => new(
        new WriteRateLimits(
            (int)SettingsReader.Positive(config, "RateLimits:WritesPerCallerPerMinute", 60),
            (int)SettingsReader.Positive(config, "RateLimits:WritesPerAddressPerMinute", 600),
            (int)SettingsReader.Positive(config, "RateLimits:WritesPerInstitutionPerMinute", 6000)),
        Hosting.TrustedProxies.Load(config, why => SettingsReader.Bad(Hosting.TrustedProxies.Setting, why)));
}
