using Azure.Data.Tables;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FamilyAid.Functions.Health;

/// <summary>Table storage answers a read of a table the app created (so it is up and initialised).</summary>
public sealed class TablesHealthCheck(Tables tables) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        StorageProbe.Run(async ct =>
        {
            // One page of at most one row of a partition nobody writes: as cheap as a table read gets.
            await foreach (var _ in tables.Idempotency.QueryAsync<TableEntity>(
                               filter: TableClient.CreateQueryFilter($"PartitionKey eq {"health"}"), maxPerPage: 1, cancellationToken: ct).AsPages())
            {
                break;
            }
        }, cancellationToken);
}
