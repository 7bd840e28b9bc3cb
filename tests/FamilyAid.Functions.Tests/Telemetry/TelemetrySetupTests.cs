using FamilyAid.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FamilyAid.Functions.Tests.Telemetry;

/// <summary>Telemetry is exported to Azure Monitor only when a connection string is set.</summary>
public sealed class TelemetrySetupTests
{
    private static ServiceCollection Services(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        TelemetrySetup.Add(services, config);
        return services;
    }

    [Fact]
    public void Without_a_connection_string_nothing_is_registered()
    {
        // Given no APPLICATIONINSIGHTS_CONNECTION_STRING
        // When telemetry is set up
        var services = Services();

        // Then no service at all is added: no provider, no exporter
        Assert.Empty(services);
    }

    [Fact]
    public void With_a_connection_string_traces_and_metrics_are_exported()
    {
        // Given a connection string and the managed identity to sign in with
        var services = Services(
            (TelemetrySetup.ConnectionSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/"),
            (TelemetrySetup.AuthenticationSetting, "ClientId=00000000-0000-0000-0000-0000000000c1;Authorization=AAD"));

        // When telemetry is set up
        using var provider = services.AddLogging().BuildServiceProvider();

        // Then the OpenTelemetry tracer and meter providers exist
        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
    }
}
