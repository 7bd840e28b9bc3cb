using Azure.Identity;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry.Instrumentation.AspNetCore;

namespace FamilyAid.Functions.Telemetry;

/// <summary>OpenTelemetry traces, metrics and logs exported to Azure Monitor, only when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set; with no connection string nothing is registered at all.</summary>
public static class TelemetrySetup
{
    /// <summary>Application Insights' connection string (an address and an instrumentation key, not a credential).</summary>
    public const string ConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>ClientId=…;Authorization=AAD</c>: sign in with that managed identity (Application Insights with local auth off).</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Registers the exporter and the business meter when a connection string is configured.</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        var connection = config[ConnectionSetting];
        if (string.IsNullOrWhiteSpace(connection))
        {
            return;
        }

        services.AddOpenTelemetry()
            .UseAzureMonitor(o =>
            {
                o.ConnectionString = connection;
                if (Authentication(config[AuthenticationSetting]) is { Aad: true } auth)
                {
                    o.Credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = auth.ClientId });
                }
            })
            .WithMetrics(metrics => metrics.AddMeter(BusinessMetrics.MeterName));
        // The Functions host and probes ask for health all the time: those requests are not traced.
        services.Configure<AspNetCoreTraceInstrumentationOptions>(o =>
            o.Filter = context => !context.Request.Path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase));
    }

    // "ClientId=<guid>;Authorization=AAD", as the Functions host reads it.
    private static (bool Aad, string? ClientId)? Authentication(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        return (parts.GetValueOrDefault("Authorization")?.Equals("AAD", StringComparison.OrdinalIgnoreCase) == true, parts.GetValueOrDefault("ClientId"));
    }
}
