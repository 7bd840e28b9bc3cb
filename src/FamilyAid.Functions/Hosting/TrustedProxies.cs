using System.Net;
using FamilyAid.Functions.Settings;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace FamilyAid.Functions.Hosting;

/// <summary>Which connections may name the client's address in <c>X-Forwarded-For</c>: only the configured proxies.</summary>
public static class TrustedProxies
{
    /// <summary>The setting: comma-separated addresses and CIDR networks; empty (the default) trusts no one.</summary>
    public const string Setting = "ForwardedHeaders:KnownProxies";

    /// <summary>Parses <see cref="Setting"/>; a bad entry stops start-up with the setting's name.</summary>
    public static IReadOnlyList<IPNetwork> Load(IConfiguration config, Func<string, SettingsException> bad)
    {
        var networks = new List<IPNetwork>();
        foreach (var part in (config[Setting] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPAddress.TryParse(part, out var address) && !part.Contains('/', StringComparison.Ordinal))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else if (IPNetwork.TryParse(part, out var network))
            {
                networks.Add(network);
            }
            else
            {
                throw bad($"must be comma-separated IP addresses or CIDR networks ('{part}' is neither)");
            }
        }

        return networks;
    }

    /// <summary>Takes the client's address from <c>X-Forwarded-For</c> only on connections from <paramref name="proxies"/>.</summary>
    /// <remarks>The framework trusts loopback by default, and the Functions host connects from loopback while passing on
    /// the client's own headers: anyone could then pick the address the per-address rate limit counts. With no proxy
    /// configured the middleware is left out, so the header is ignored.</remarks>
    public static void Use(IApplicationBuilder app, IReadOnlyList<IPNetwork> proxies)
    {
        if (proxies.Count == 0)
        {
            return;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownIPNetworks.Add(proxy);
        }

        app.UseForwardedHeaders(options);
    }
}
