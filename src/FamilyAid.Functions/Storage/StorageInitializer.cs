using Azure.Storage.Blobs;

namespace FamilyAid.Functions.Storage;

/// <summary>Creates tables and containers before the first request; retries in the background while storage is down.</summary>
public sealed partial class StorageInitializer(
    Tables tables, Queues queues, BlobContainerClient documents, IHostApplicationLifetime lifetime, ILogger<StorageInitializer> logger)
    : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryCreate(cancellationToken))
        {
            return;
        }

        // Start anyway: health answers 503 until storage is back, and this keeps trying.
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            while (!stopping.IsCancellationRequested && !await TryCreate(stopping))
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stopping).ConfigureAwait(false);
            }
        }, CancellationToken.None);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> TryCreate(CancellationToken ct)
    {
        try
        {
            foreach (var table in tables.All)
            {
                await table.CreateIfNotExistsAsync(ct);
            }

            await queues.Effects.CreateIfNotExistsAsync(cancellationToken: ct);
            await queues.PoisonOf(StorageNames.EffectsQueue).CreateIfNotExistsAsync(cancellationToken: ct);
            await documents.CreateIfNotExistsAsync(Azure.Storage.Blobs.Models.PublicAccessType.None, cancellationToken: ct);
            return true;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException or TaskCanceledException)
        {
            LogStorageDown(logger, e.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Storage is not answering ({Error}); tables and containers will be created when it is.")]
    private static partial void LogStorageDown(ILogger logger, string error);
}
