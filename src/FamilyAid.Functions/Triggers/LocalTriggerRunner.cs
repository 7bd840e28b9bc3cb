using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Queues.Models;
using FamilyAid.Functions.Storage;
using NCrontab;

namespace FamilyAid.Functions.Triggers;

/// <summary>Runs the queue and timer functions where no Functions host does (<c>./run.sh</c>, tests): it reads the same
/// function.json and host.json, polls queues (visibility timeout, <c>maxDequeueCount</c>, then <c>&lt;queue&gt;-poison</c>)
/// and runs timers on their NCRONTAB schedules, each timer on one instance at a time through a blob lease.</summary>
public sealed partial class LocalTriggerRunner(
    IEnumerable<IQueueFunction> queueFunctions, IEnumerable<ITimerFunction> timerFunctions, Queues queues,
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

        return Task.WhenAll(loops);
    }

    private async Task PollQueue(IQueueFunction function, string queueName, QueueSettings host, CancellationToken ct)
    {
        var queue = queues.Named(queueName);
        var visibility = settings.VisibilityTimeout ?? (host.VisibilityTimeout > TimeSpan.Zero ? host.VisibilityTimeout : TimeSpan.FromSeconds(30));
        var idle = settings.PollInterval ?? host.MaxPollingInterval;
        while (!ct.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(host.BatchSize, visibility, ct)).Value;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException)
            {
                LogStorageDown(logger, queueName, e.GetType().Name);
                messages = [];
            }

            foreach (var message in messages)
            {
                await Deliver(function, queueName, message, host.MaxDequeueCount, ct);
            }

            if (messages.Length == 0)
            {
                await Task.Delay(idle, ct).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    private async Task Deliver(IQueueFunction function, string queueName, QueueMessage message, int maxDequeueCount, CancellationToken ct)
    {
        var queue = queues.Named(queueName);
        try
        {
            if (message.DequeueCount > maxDequeueCount)
            {
                // As the host does: past maxDequeueCount the message moves to <queue>-poison, whose own function deals with it.
                var poison = queues.PoisonOf(queueName);
                await poison.CreateIfNotExistsAsync(cancellationToken: ct);
                await poison.SendMessageAsync(message.Body.ToString(), ct);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                LogPoisoned(logger, function.Name, message.MessageId, message.DequeueCount - 1);
                return;
            }

            Telemetry.BusinessMetrics.Waited(function.Name, message.InsertedOn, clock.GetUtcNow());
            await function.Run(message.Body.ToString(), ct);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Left on the queue: it becomes visible again after the visibility timeout and is retried.
            LogFailed(logger, function.Name, message.MessageId, message.DequeueCount, e.GetType().Name, e.Message);
        }
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

    [LoggerMessage(LogLevel.Warning, "Queue {Queue} is not answering ({Error}).")]
    private static partial void LogStorageDown(ILogger logger, string queue, string error);

    [LoggerMessage(LogLevel.Error, "{Function} failed on message {MessageId} (try {DequeueCount}): {Error}: {Message}")]
    private static partial void LogFailed(ILogger logger, string function, string messageId, long dequeueCount, string error, string message);

    [LoggerMessage(LogLevel.Error, "{Function}: message {MessageId} moved to the poison queue after {Tries} failed tries.")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, long tries);

    [LoggerMessage(LogLevel.Error, "Timer {Function} failed: {Error}: {Message}")]
    private static partial void LogTimerFailed(ILogger logger, string function, string error, string message);
}
