using FamilyAid.Functions.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FamilyAid.Functions.Health;

/// <summary>Queue storage answers for the effects queue (so it is up and the queue exists).</summary>
public sealed class QueuesHealthCheck(Queues queues) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        StorageProbe.Run(queues.Effects.GetPropertiesAsync, cancellationToken);
}
