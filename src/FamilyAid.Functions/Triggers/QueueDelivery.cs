using System.Diagnostics.Metrics;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace FamilyAid.Functions.Triggers;

/// <summary>How one queue is delivered: host.json's <c>batchSize</c>, <c>newBatchThreshold</c>, <c>maxDequeueCount</c>,
/// <c>visibilityTimeout</c> (the wait before a failed message is tried again) and <c>maxPollingInterval</c>, and how long
/// a received message stays hidden while its function runs.</summary>
public sealed record QueueDeliveryOptions(
    int BatchSize, int NewBatchThreshold, int MaxDequeueCount, TimeSpan RetryAfter, TimeSpan MaxPollingInterval, TimeSpan Lease)
{
    /// <summary>The Functions host hides a message it is running for 10 minutes and releases it early only on failure.</summary>
    public static readonly TimeSpan HostLease = TimeSpan.FromMinutes(10);

    /// <summary>The host's shortest wait between polls of an empty queue (it doubles up to <c>maxPollingInterval</c>).</summary>
    public static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);
}

/// <summary>Delivers one queue's messages to its function as the Functions host does: a batch runs side by side, a new
/// batch is fetched once no more than <c>newBatchThreshold</c> are still running (so at most <c>batchSize +
/// newBatchThreshold</c> at once), an empty queue is polled again after a wait that doubles up to
/// <c>maxPollingInterval</c>, a failed message is released to be tried again after <c>visibilityTimeout</c>, and one
/// received more than <c>maxDequeueCount</c> times moves to <c>&lt;queue&gt;-poison</c>.</summary>
/// <remarks>A message can still be delivered twice (its lease ran out in a storage stall, or another instance took it):
/// every function here is idempotent, and the delivery that finds its message gone when it deletes it counts that
/// (<see cref="Metrics"/>, <c>gone</c>) instead of reporting a failure.</remarks>
public sealed partial class QueueDelivery(IQueueFunction function, QueueClient queue, QueueClient poison, QueueDeliveryOptions options, ILogger logger)
{
    /// <summary>The meter of <c>familyaid.queue.messages</c>, tagged by queue and outcome (delivered, gone, failed, poisoned).</summary>
    public static readonly Meter Metrics = new("FamilyAid.Triggers");

    private static readonly Counter<long> Messages = Metrics.CreateCounter<long>("familyaid.queue.messages");

    /// <summary>Polls and delivers until <paramref name="ct"/> is cancelled; then waits for the deliveries under way.</summary>
    public async Task Run(CancellationToken ct)
    {
        var running = new List<Task>();
        var idle = TimeSpan.Zero;
        while (!ct.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            while (running.Count > options.NewBatchThreshold)
            {
                running.Remove(await Task.WhenAny(running));
            }

            var messages = await Receive(ct);
            running.AddRange(messages.Select(message => Task.Run(() => Deliver(message, ct), CancellationToken.None)));
            if (messages.Length > 0)
            {
                idle = TimeSpan.Zero;
                continue;
            }

            idle = NextIdle(idle, options.MaxPollingInterval);
            await Task.Delay(idle, ct).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        await Task.WhenAll(running);
    }

    /// <summary>The wait after an empty poll: the host's minimum first, doubled each time, at most <paramref name="max"/>.</summary>
    public static TimeSpan NextIdle(TimeSpan previous, TimeSpan max)
    {
        var next = previous <= TimeSpan.Zero ? QueueDeliveryOptions.MinPollingInterval : previous * 2;
        return next < max ? next : max;
    }

    private async Task<QueueMessage[]> Receive(CancellationToken ct)
    {
        try
        {
            return (await queue.ReceiveMessagesAsync(options.BatchSize, options.Lease, ct)).Value;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogStorageDown(logger, queue.Name, Describe(e));
            return [];
        }
        catch (OperationCanceledException)
        {
            return [];
        }
    }

    private async Task Deliver(QueueMessage message, CancellationToken ct)
    {
        try
        {
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                // As the host does: past maxDequeueCount the message moves to <queue>-poison, whose own function deals with it.
                await poison.CreateIfNotExistsAsync(cancellationToken: ct);
                await poison.SendMessageAsync(message.Body.ToString(), ct);
                await Delete(message, "poisoned", ct);
                LogPoisoned(logger, function.Name, message.MessageId, message.DequeueCount - 1);
                return;
            }

            Telemetry.BusinessMetrics.Waited(function.Name, message.InsertedOn, DateTimeOffset.UtcNow);
            await function.Run(message.Body.ToString(), ct);
            await Delete(message, "delivered", ct);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Shutting down: handed back at once rather than hidden for the rest of its lease.
            await Release(message, TimeSpan.Zero);
        }
        catch (Exception e)
        {
            Count("failed");
            LogFailed(logger, function.Name, message.MessageId, message.DequeueCount, Describe(e));
            await Release(message, options.RetryAfter);
        }
    }

    private async Task Delete(QueueMessage message, string outcome, CancellationToken ct)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            Count(outcome);
        }
        catch (RequestFailedException e) when (IsGone(e))
        {
            // Deleted by another delivery of the same message (its lease ran out and it was taken again): that one saw
            // it through, and the function is idempotent, so this is counted, not reported.
            Count("gone");
            LogGone(logger, function.Name, message.MessageId, e.ErrorCode ?? e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    // Left on the queue, visible again after the wait (the host's "visibilityTimeout"); its next receipt counts a try.
    private async Task Release(QueueMessage message, TimeSpan after)
    {
        try
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: after, cancellationToken: CancellationToken.None);
        }
        catch (Exception e)
        {
            // Taken again already, or storage is down: its lease runs out on its own and it is tried then.
            LogGone(logger, function.Name, message.MessageId, Describe(e));
        }
    }

    private void Count(string outcome) =>
        Messages.Add(1, new KeyValuePair<string, object?>("queue", queue.Name), new KeyValuePair<string, object?>("outcome", outcome));

    // 404 MessageNotFound: deleted already; 400 PopReceiptMismatch: received again since, by this or another instance.
    private static bool IsGone(RequestFailedException e) => e.Status == 404 || e.ErrorCode == "PopReceiptMismatch";

    // One line: a storage error's status and code, not the SDK's message, which holds the whole HTTP exchange.
    private static string Describe(Exception e) => e is RequestFailedException r
        ? $"{r.GetType().Name} {r.Status} {r.ErrorCode}"
        : $"{e.GetType().Name}: {e.Message}";

    [LoggerMessage(LogLevel.Warning, "Queue {Queue} is not answering ({Error}).")]
    private static partial void LogStorageDown(ILogger logger, string queue, string error);

    [LoggerMessage(LogLevel.Error, "{Function} failed on message {MessageId} (try {DequeueCount}): {Error}")]
    private static partial void LogFailed(ILogger logger, string function, string messageId, long dequeueCount, string error);

    [LoggerMessage(LogLevel.Error, "{Function}: message {MessageId} moved to the poison queue after {Tries} failed tries.")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, long tries);

    [LoggerMessage(LogLevel.Debug, "{Function}: message {MessageId} was taken by another delivery ({Code}); counted.")]
    private static partial void LogGone(ILogger logger, string function, string messageId, string code);
}
