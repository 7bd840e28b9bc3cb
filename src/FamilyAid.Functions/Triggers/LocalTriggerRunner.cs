using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using FamilyAid.Functions.Storage;
using NCrontab;

namespace FamilyAid.Functions.Triggers;

/// <summary>Runs the queue and timer functions where no Functions host does (<c>./run.sh</c>, tests): it reads the same
/// function.json and host.json, polls queues (visibility timeout, <c>maxDequeueCount</c>, then <c>&lt;queue&gt;-poison</c>)
/// and runs timers on their NCRONTAB schedules, each timer on one instance at a time through a blob lease; blob functions
/// are run for each blob under their path that this process has not seen (by name and ETag).</summary>
public sealed partial class LocalTriggerRunner(
    IEnumerable<IQueueFunction> queueFunctions, IEnumerable<ITimerFunction> timerFunctions, IEnumerable<IBlobFunction> blobFunctions, Queues queues,
    BlobServiceClient blobs, TriggerSettings settings, TimeProvider clock, ILogger<LocalTriggerRunner> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.RunLocally)
        {
            // Under the Functions host, which invokes these functions itself through TriggerInvocation.
            return Task.CompletedTask;
        }

        var definitions = FunctionDefinition.Load(AppContext.BaseDirectory).ToDictionary(d => d.Name, StringComparer.Ordinal);
        var host = QueueSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
        var loops = new List<Task>();
        foreach (var function in queueFunctions)
        {
            var definition = definitions.GetValueOrDefault(function.Name)
                ?? throw new InvalidOperationException($"No function.json declares the queue function {function.Name}.");
            loops.Add(PollQueue(function, definition.QueueName!, host, stoppingToken));
        }

        foreach (var function in timerFunctions)
        {
            var definition = definitions.GetValueOrDefault(function.Name)
                ?? throw new InvalidOperationException($"No function.json declares the timer function {function.Name}.");
            loops.Add(RunTimer(function, CrontabSchedule.Parse(definition.Schedule!, new CrontabSchedule.ParseOptions { IncludingSeconds = true }), stoppingToken));
        }

        foreach (var function in blobFunctions)
        {
            var definition = definitions.GetValueOrDefault(function.Name)
                ?? throw new InvalidOperationException($"No function.json declares the blob function {function.Name}.");
            loops.Add(WatchBlobs(function, definition.BlobPath!, host, stoppingToken));
        }

        return Task.WhenAll(loops);
    }

    // Polls the container as the host's blob scan does; a blob is handed over once per process per version (the
    // function is idempotent, as under the host, which may also deliver a blob more than once).
    private async Task WatchBlobs(IBlobFunction function, string path, QueueSettings host, CancellationToken ct)
    {
        var container = blobs.GetBlobContainerClient(settings.Prefix + path[..path.IndexOf('/', StringComparison.Ordinal)]);
        var prefix = path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..path.IndexOf('{', StringComparison.Ordinal)];
        var seen = new HashSet<(string, ETag)>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if ((await container.ExistsAsync(ct)).Value)
                {
                    await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, ct))
                    {
                        if (!seen.Contains((blob.Name, blob.Properties.ETag!.Value)))
                        {
                            await function.Run(blob.Name, ct);
                            seen.Add((blob.Name, blob.Properties.ETag!.Value));
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping (a shutdown, or the bench pausing the triggers) while a scan was under way: an orderly end, not a
                // failed background service, which would stop the whole host.
                return;
            }
            catch (Exception e)
            {
                LogBlobScanFailed(logger, function.Name, path, e.GetType().Name, e.Message);
            }

            await Task.Delay(settings.PollInterval ?? host.MaxPollingInterval, ct).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    // Delivered as the host delivers: a batch side by side, a message hidden while it runs and released on failure.
    private Task PollQueue(IQueueFunction function, string queueName, QueueSettings host, CancellationToken ct)
    {
        var retryAfter = settings.VisibilityTimeout ?? (host.VisibilityTimeout > TimeSpan.Zero ? host.VisibilityTimeout : TimeSpan.FromSeconds(30));
        var options = new QueueDeliveryOptions(
            host.BatchSize, host.Threshold, host.MaxDequeueCount, retryAfter, settings.PollInterval ?? host.MaxPollingInterval, QueueDeliveryOptions.HostLease);
        return new QueueDelivery(function, queues.Named(queueName), queues.PoisonOf(queueName), options, logger).Run(ct);
    }

    private async Task RunTimer(ITimerFunction function, CrontabSchedule schedule, CancellationToken ct)
    {
        var container = blobs.GetBlobContainerClient(settings.Prefix + StorageNames.LocksContainer);
        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, clock, ct);
                await RunLeased(function, container, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogTimerFailed(logger, function.Name, e.GetType().Name, e.Message);
            }
        }
    }

    // One instance at a time: whoever holds the blob's lease runs; the others skip this occurrence.
    private static async Task RunLeased(ITimerFunction function, BlobContainerClient container, CancellationToken ct)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        var blob = container.GetBlobClient(function.Name);
        if (!(await blob.ExistsAsync(ct)).Value)
        {
            try
            {
                await blob.UploadAsync(BinaryData.FromString(function.Name), overwrite: false, ct);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Created by another instance.
            }
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(TimeSpan.FromSeconds(60), cancellationToken: ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return;
        }

        try
        {
            await function.Run(ct);
        }
        finally
        {
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
        }
    }

    [LoggerMessage(LogLevel.Error, "{Function} failed scanning {Path}: {Error}: {Message}")]
    private static partial void LogBlobScanFailed(ILogger logger, string function, string path, string error, string message);

    [LoggerMessage(LogLevel.Error, "Timer {Function} failed: {Error}: {Message}")]
    private static partial void LogTimerFailed(ILogger logger, string function, string error, string message);
}
