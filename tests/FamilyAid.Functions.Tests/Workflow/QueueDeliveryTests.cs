using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Azure.Storage.Queues;
using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.Tests.Workflow;

/// <summary>The local runner's queue delivery, as the Functions host delivers: a batch side by side (at most batch +
/// threshold at once), a message hidden while it runs and released for a retry when it fails, poisoned after
/// maxDequeueCount, and a message another delivery took counted rather than reported as a failure.</summary>
public sealed class QueueDeliveryTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_batch_runs_side_by_side_and_never_more_than_batch_plus_threshold_at_once()
    {
        // Given 12 messages, a batch of 4 and a threshold of 2, and a function that takes 300 ms
        var (queue, poison) = await NewQueues();
        for (var i = 0; i < 12; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        var function = new SlowFunction(TimeSpan.FromMilliseconds(300));
        var options = new QueueDeliveryOptions(4, 2, 5, TimeSpan.FromSeconds(1), Quick, QueueDeliveryOptions.HostLease);

        // When the delivery runs until every message is done
        await RunUntil(new QueueDelivery(function, queue, poison, options, new CapturedLogs().CreateLogger("q")), () => Task.FromResult(function.Done.Count == 12));

        // Then each ran once, a whole batch at a time, and never more than 4 + 2 at once
        Assert.Equal(12, function.Done.Distinct().Count());
        Assert.InRange(function.MostAtOnce, 4, 6);
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task A_message_delivered_twice_is_deleted_once_and_the_other_delete_is_counted_not_reported()
    {
        // Given a message whose lease (1 s here, as in a storage stall) runs out while its function is still running
        var (queue, poison) = await NewQueues();
        await queue.SendMessageAsync("slow");
        var function = new HeldFunction();
        var logs = new CapturedLogs();
        var options = new QueueDeliveryOptions(16, 8, 5, TimeSpan.FromSeconds(1), Quick, TimeSpan.FromSeconds(1));
        using var outcomes = new Outcomes(queue.Name);
        var run = RunUntil(new QueueDelivery(function, queue, poison, options, logs.CreateLogger("q")), () => Task.FromResult(outcomes.Of("gone") == 1));

        // When it is taken again and both deliveries finish
        await function.TwiceStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        function.Release.SetResult();
        await run;

        // Then one delete removed it, and the other found it gone: counted, with no error (nor the storage's HTTP exchange) logged
        Assert.Equal(1, outcomes.Of("delivered"));
        Assert.Equal(1, outcomes.Of("gone"));
        Assert.Equal(0, outcomes.Of("failed"));
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Status: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_message_is_released_for_a_retry_and_poisoned_after_max_dequeue_count_tries()
    {
        // Given a function that always fails, maxDequeueCount 2, a retry after 200 ms, and the host's 10-minute lease
        var (queue, poison) = await NewQueues();
        await queue.SendMessageAsync("doomed");
        var function = new FailingFunction();
        var logs = new CapturedLogs();
        var options = new QueueDeliveryOptions(16, 8, 2, TimeSpan.FromMilliseconds(200), Quick, QueueDeliveryOptions.HostLease);

        // When the delivery runs until the message is in the poison queue and the move is done (the poison copy is sent
        // before the original is deleted and the move logged: stopping in between would leave the move half-way)
        await RunUntil(new QueueDelivery(function, queue, poison, options, logs.CreateLogger("q")),
            async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync(32)).Value.Length == 1
                && logs.Lines.Any(l => l.Contains("moved to the poison queue", StringComparison.Ordinal)));

        // Then it was tried twice (released after each failure, not held for the lease), then moved, unchanged
        Assert.Equal(2, function.Tries);
        Assert.Equal("doomed", (await poison.PeekMessagesAsync(32)).Value.Single().Body.ToString());
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
        Assert.Equal(2, logs.Lines.Count(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("failed on message", StringComparison.Ordinal)));
        Assert.Single(logs.Lines, l => l.Contains("moved to the poison queue after 2 failed tries", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_queue_is_polled_again_after_a_wait_that_doubles_from_100_ms_up_to_the_maximum()
    {
        var max = TimeSpan.FromSeconds(2);
        var waits = new List<TimeSpan>();
        var wait = TimeSpan.Zero;
        for (var i = 0; i < 7; i++)
        {
            wait = QueueDelivery.NextIdle(wait, max);
            waits.Add(wait);
        }

        Assert.Equal([100, 200, 400, 800, 1600, 2000, 2000], waits.Select(w => w.TotalMilliseconds));
        Assert.Equal(TimeSpan.FromMilliseconds(50), QueueDelivery.NextIdle(TimeSpan.Zero, TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void The_new_batch_threshold_comes_from_host_json_and_is_half_the_batch_without_it()
    {
        var folder = Directory.CreateTempSubdirectory("familyaid-host-");
        try
        {
            var set = Path.Combine(folder.FullName, "set.json");
            File.WriteAllText(set, """{"version":"2.0","extensions":{"queues":{"batchSize":10,"newBatchThreshold":3}}}""");
            Assert.Equal(3, QueueSettings.Load(set).Threshold);

            var unset = Path.Combine(folder.FullName, "unset.json");
            File.WriteAllText(unset, """{"version":"2.0","extensions":{"queues":{"batchSize":10}}}""");
            Assert.Equal(5, QueueSettings.Load(unset).Threshold);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(QueueClient Queue, QueueClient Poison)> NewQueues()
    {
        var name = "qd" + Guid.NewGuid().ToString("N")[..16];
        var options = new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06);
        var queue = new QueueClient(FamilyAidApp.StorageConnection, name, options);
        await queue.CreateAsync();
        return (queue, new QueueClient(FamilyAidApp.StorageConnection, name + "-poison", options));
    }

    // Runs the delivery until done holds (at most 30 s), then stops it and waits for it to finish.
    private static async Task RunUntil(QueueDelivery delivery, Func<Task<bool>> done)
    {
        using var stop = new CancellationTokenSource();
        var running = delivery.Run(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await running;
        Assert.True(await done(), "the delivery did not get there in 30 s");
    }

    private sealed class SlowFunction(TimeSpan takes) : IQueueFunction
    {
        private int now;

        public ConcurrentBag<string> Done { get; } = [];

        public int MostAtOnce { get; private set; }

        public string Name => "Slow";

        public async Task Run(string message, CancellationToken ct)
        {
            var running = Interlocked.Increment(ref now);
            lock (Done)
            {
                MostAtOnce = Math.Max(MostAtOnce, running);
            }

            await Task.Delay(takes, CancellationToken.None);
            Interlocked.Decrement(ref now);
            Done.Add(message);
        }
    }

    private sealed class HeldFunction : IQueueFunction
    {
        private int starts;

        public TaskCompletionSource TwiceStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "Held";

        public async Task Run(string message, CancellationToken ct)
        {
            if (Interlocked.Increment(ref starts) == 2)
            {
                TwiceStarted.TrySetResult();
            }

            await Release.Task.WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
        }
    }

    private sealed class FailingFunction : IQueueFunction
    {
        private int tries;

        public int Tries => Volatile.Read(ref tries);

        public string Name => "Failing";

        public Task Run(string message, CancellationToken ct)
        {
            Interlocked.Increment(ref tries);
            throw new InvalidOperationException("the outside service is down");
        }
    }

    // The delivery's outcome counts for one queue, from its meter.
    private sealed class Outcomes : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

        public Outcomes(string queue)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == QueueDelivery.Metrics)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? q = null, outcome = null;
                foreach (var tag in tags)
                {
                    q = tag.Key == "queue" ? tag.Value as string : q;
                    outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
                }

                if (q == queue && outcome is not null)
                {
                    counts.AddOrUpdate(outcome, value, (_, n) => n + value);
                }
            });
            listener.Start();
        }

        public long Of(string outcome) => counts.GetValueOrDefault(outcome);

        public void Dispose() => listener.Dispose();
    }
}
