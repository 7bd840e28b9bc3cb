using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using FamilyAid.Functions.Bindings.Workflow;
using FamilyAid.Functions.Triggers;
using Microsoft.Extensions.Logging;

namespace FamilyAid.Bench;

/// <summary>What the app counts rather than prints (the local queue delivery's outcomes, the binding streams' lost
/// races) and the log lines it writes at Warning and above, so that each phase can say how many of each it caused.</summary>
internal sealed class AppCounters : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<long> delivered = new();

    public AppCounters()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == QueueDelivery.Metrics || instrument.Meter == BindingStreamStore.Metrics)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var name = instrument.Name == "familyaid.queue.messages" ? "queue " : "binding lost races";
            foreach (var tag in tags)
            {
                name += tag.Key == "outcome" ? tag.Value as string : "";
            }

            Add(name, value);
            if (name == "queue delivered")
            {
                delivered.Enqueue(Stopwatch.GetTimestamp());
            }
        });
        listener.Start();
    }

    /// <summary>The counts so far, by name.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(counts, StringComparer.Ordinal);

    /// <summary>What changed between two snapshots, as one line ("none" when nothing did).</summary>
    public static string Between(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after)
    {
        var changed = after.Select(kv => (kv.Key, Delta: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(d => d.Delta != 0).OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Key} {d.Delta}")).ToList();
        return changed.Count == 0 ? "none" : string.Join(", ", changed);
    }

    /// <summary>A count of the queue messages delivered so far (effects done by the app's local queue trigger) that finished
    /// between two <see cref="Stopwatch"/> timestamps.</summary>
    public Func<long, long, int> DeliveredBetween()
    {
        var times = delivered.ToArray();
        Array.Sort(times);
        int Before(long t)
        {
            var i = Array.BinarySearch(times, t);
            return i < 0 ? ~i : i;
        }

        return (start, end) => Before(end + 1) - Before(start);
    }

    private void Add(string name, long value) => counts.AddOrUpdate(name, value, (_, n) => n + value);

    /// <summary>A logger provider for the app that counts its lines at Warning and above (the host disposes it; it owns nothing).</summary>
    public ILoggerProvider Logs() => new CountingProvider(this);

    public void Dispose() => listener.Dispose();

    private sealed class CountingProvider(AppCounters counters) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Counting(counters);

        public void Dispose()
        {
        }
    }

    private sealed class Counting(AppCounters counters) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                counters.Add("app log lines " + logLevel.ToString().ToLowerInvariant(), 1);
            }
        }
    }
}
