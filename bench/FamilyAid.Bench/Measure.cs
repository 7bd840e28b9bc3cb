using System.Collections.Concurrent;
using System.Diagnostics;

namespace FamilyAid.Bench;

/// <summary>What one phase measured: operations done, wall time, latencies, failures.</summary>
internal sealed class PhaseResult(string name, string unit)
{
    private readonly ConcurrentDictionary<string, List<double>> latencies = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> errors = new();
    private long count;
    private long failed;

    public string Name => name;

    public string Unit => unit;

    public long Count => Interlocked.Read(ref count);

    public long Failed => Interlocked.Read(ref failed);

    public TimeSpan Elapsed { get; set; }

    public double PerSecond => Elapsed > TimeSpan.Zero ? Count / Elapsed.TotalSeconds : 0;

    /// <summary>The first few failures, for the report.</summary>
    public IEnumerable<string> Errors => errors.Take(5);

    /// <summary>Times <paramref name="operation"/>; it counts when <paramref name="counted"/> (the latency is kept under
    /// <paramref name="step"/> either way, so that a flow's steps can be told apart).</summary>
    public async Task<T> Time<T>(string step, Func<Task<T>> operation, bool counted = true)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = await operation();
            Record(step, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (counted)
            {
                Interlocked.Increment(ref count);
            }

            return result;
        }
        catch (Exception e)
        {
            Fail($"{step}: {e.GetType().Name}: {e.Message}");
            throw;
        }
    }

    public Task Time(string step, Func<Task> operation, bool counted = true) =>
        Time(step, async () =>
        {
            await operation();
            return true;
        }, counted);

    /// <summary>Counts one unit done whose parts were timed uncounted.</summary>
    public void Done() => Interlocked.Increment(ref count);

    public void Record(string step, double milliseconds)
    {
        var list = latencies.GetOrAdd(step, _ => []);
        lock (list)
        {
            list.Add(milliseconds);
        }
    }

    public void Fail(string what)
    {
        Interlocked.Increment(ref failed);
        if (errors.Count < 20)
        {
            errors.Enqueue(what.Length > 300 ? what[..300] : what);
        }
    }

    /// <summary>Latency percentile (nearest rank) of a step, in ms; NaN when nothing was recorded.</summary>
    public double Percentile(string step, double p)
    {
        if (!latencies.TryGetValue(step, out var list))
        {
            return double.NaN;
        }

        double[] sorted;
        lock (list)
        {
            sorted = [.. list];
        }

        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Latency percentile over every step's samples together.</summary>
    public double PercentileAll(double p)
    {
        var all = new List<double>();
        foreach (var list in latencies.Values)
        {
            lock (list)
            {
                all.AddRange(list);
            }
        }

        if (all.Count == 0)
        {
            return double.NaN;
        }

        all.Sort();
        var rank = (int)Math.Ceiling(p / 100 * all.Count);
        return all[Math.Clamp(rank - 1, 0, all.Count - 1)];
    }

    public double Mean(string step)
    {
        if (!latencies.TryGetValue(step, out var list))
        {
            return double.NaN;
        }

        lock (list)
        {
            return list.Count == 0 ? double.NaN : list.Average();
        }
    }

    public int Samples(string step) => latencies.TryGetValue(step, out var list) ? list.Count : 0;

    public IReadOnlyList<string> Steps => [.. latencies.Keys.Order(StringComparer.Ordinal)];
}

/// <summary>Runs workers until a deadline: each worker loops while <c>go()</c> says so; the phase's wall time runs until the
/// last worker has finished what it was doing at the deadline.</summary>
internal static class Driver
{
    public static async Task<PhaseResult> Run(
        PhaseResult result, int workers, TimeSpan duration, Func<int, Func<bool>, Task> worker)
    {
        var clock = Stopwatch.StartNew();
        bool Go() => clock.Elapsed < duration;
        var tasks = Enumerable.Range(0, workers).Select(i => Task.Run(async () =>
        {
            try
            {
                await worker(i, Go);
            }
            catch (Exception e)
            {
                // Counted where it happened; the worker stops, the others go on.
                result.Fail($"worker {i} stopped: {e.GetType().Name}: {e.Message}");
            }
        }));
        await Task.WhenAll(tasks);
        result.Elapsed = clock.Elapsed;
        return result;
    }
}
