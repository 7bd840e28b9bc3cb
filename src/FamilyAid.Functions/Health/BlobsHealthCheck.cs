using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FamilyAid.Functions.Health;

/// <summary>Blob storage answers for the documents container (so it is up and the container exists).</summary>
public sealed class BlobsHealthCheck(BlobContainerClient documents) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        StorageProbe.Run(ct => documents.GetPropertiesAsync(cancellationToken: ct), cancellationToken);
}
