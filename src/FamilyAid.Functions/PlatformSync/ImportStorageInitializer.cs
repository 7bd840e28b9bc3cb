namespace FamilyAid.Functions.PlatformSync;

/// <summary>Creates the imports' table, container and queue at start-up, so that reading an import never creates them;
/// while storage is down, the first use creates them instead (<see cref="ImportStorage.Ready"/>).</summary>
public sealed partial class ImportStorageInitializer(ImportStorage storage, ILogger<ImportStorageInitializer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await storage.Ready(cancellationToken);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException or TaskCanceledException)
        {
            LogStorageDown(logger, e.GetType().Name);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Warning, "Storage is not answering ({Error}); the imports' table, container and queue will be created on first use.")]
    private static partial void LogStorageDown(ILogger logger, string error);
}
