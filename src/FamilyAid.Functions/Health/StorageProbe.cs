using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FamilyAid.Functions.Health;

/// <summary>Runs one storage call as a health check: healthy when it answers, unhealthy when storage fails it.</summary>
internal static class StorageProbe
{
    /// <summary>Unhealthy without the exception: an outage is one line per check, not a stack trace per probe.</summary>
    public static async Task<HealthCheckResult> Run(Func<CancellationToken, Task> call, CancellationToken ct)
    {
        try
        {
            await call(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            return HealthCheckResult.Unhealthy($"Storage did not answer ({e.GetType().Name}).");
        }
    }
}
