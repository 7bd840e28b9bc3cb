using System.Collections.Concurrent;
using System.Diagnostics;

namespace FamilyAid.Bench;

/// <summary>What one phase measured: operations done, wall time, latencies, failures.</summary>
internal sealed class PhaseResult(string name, string unit)
{
    private readonly ConcurrentDictionary<string, List<double>> latencies = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> errors = new();
    private readonly ConcurrentQueue<Span> spans = new();
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
        var collections = GC.CollectionCount(0);
        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = await operation();
            var end = Stopwatch.GetTimestamp();
            Record(step, Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            spans.Enqueue(new Span(start, end, counted, GC.CollectionCount(0) != collections));
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

    /// <summary>When one timed operation (or step) ran, in <see cref="Stopwatch"/> ticks, whether it is a unit of the phase,
    /// and whether a garbage collection of this process began or ended while it ran.</summary>
    private readonly record struct Span(long Start, long End, bool Counted, bool Collected)
    {
        public double Milliseconds => Stopwatch.GetElapsedTime(Start, End).TotalMilliseconds;

        public bool Covers(long tick) => Start <= tick && tick <= End;
    }

    /// <summary>The phase's latency figures with its storage stalls told apart (see <see cref="Stalls"/>).</summary>
    public Latency Latencies()
    {
        var all = spans.ToArray();
        var counted = all.Where(s => s.Counted).ToArray();
        var stalls = Stalls(all);
        var clear = counted.Where(s => !stalls.Any(w => s.Covers(w.Middle))).ToArray();
        return new Latency(
            Nearest(counted, 50), Nearest(counted, 99), stalls.Count,
            stalls.Count == 0 ? 0 : stalls.Max(w => w.Seconds), counted.Length - clear.Length, Nearest(clear, 50), Nearest(clear, 99));
    }

    /// <summary>Where the slow units of the phase (above 3 × p50, the bound of issue 16's target 6) come from: how many
    /// there were, and how many of them and of all units had a garbage collection of this process, or an event of
    /// <paramref name="during"/> (e.g. an effect delivery finishing), while they ran; with the slowest few.</summary>
    public Tail Tail(Func<long, long, int> during)
    {
        var counted = spans.Where(s => s.Counted).ToArray();
        var bound = 3 * Nearest(counted, 50);
        var slow = counted.Where(s => s.Milliseconds > bound).ToArray();
        var first = counted.Length == 0 ? 0 : counted.Min(s => s.Start);
        return new Tail(
            counted.Length, slow.Length, slow.Count(s => s.Collected), counted.Count(s => s.Collected),
            slow.Count(s => during(s.Start, s.End) > 0), counted.Count(s => during(s.Start, s.End) > 0),
            counted.Length == 0 ? 0 : counted.Average(s => during(s.Start, s.End)), slow.Length == 0 ? 0 : slow.Average(s => during(s.Start, s.End)),
            [.. slow.OrderByDescending(s => s.Milliseconds).Take(5).Select(s => (s.Milliseconds, Stopwatch.GetElapsedTime(first, s.Start).TotalSeconds))]);
    }

    private readonly record struct Window(long Start, long End)
    {
        public long Middle => Start + ((End - Start) / 2);

        public double Seconds => Stopwatch.GetElapsedTime(Start, End).TotalSeconds;
    }

    /// <summary>Stalls: gaps of at least 1 s (and 10 × the median step) in which no timed operation or step of the phase
    /// finished although one was under way: every request in flight waited for the storage at once. The operations
    /// under way in one are reported apart, so that the phase's own p99 is seen with and without them.</summary>
    private static List<Window> Stalls(Span[] all)
    {
        var windows = new List<Window>();
        if (all.Length < 2)
        {
            return windows;
        }

        var threshold = Math.Max(1000, 10 * Nearest(all, 50));
        var ends = all.OrderBy(s => s.End).ToArray();
        for (var i = 1; i < ends.Length; i++)
        {
            var gap = new Window(ends[i - 1].End, ends[i].End);
            if (gap.Seconds * 1000 >= threshold && ends[i].Start <= gap.Start + ((gap.End - gap.Start) / 10))
            {
                windows.Add(gap);
            }
        }

        return windows;
    }

    private static double Nearest(Span[] spans, double p)
    {
        if (spans.Length == 0)
        {
            return double.NaN;
        }

        var sorted = spans.Select(s => s.Milliseconds).Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>A phase's p50/p99 of its unit (a transaction, command, flow or settlement), the storage stalls in it, and
/// p50/p99 of the units no stall caught.</summary>
internal sealed record Latency(double P50, double P99, int Stalls, double LongestStallSeconds, int Caught, double ClearP50, double ClearP99)
{
    /// <summary>p99 over p50, stalls left out (target 6 of issue 16: at most 3).</summary>
    public double Spread => ClearP99 / ClearP50;

    public override string ToString() => Stalls == 0
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"p50 {P50:F1} ms, p99 {P99:F1} ms; no stall; p99/p50 {Spread:F1}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"p50 {P50:F1} ms, p99 {P99:F1} ms; {Stalls} stall(s), longest {LongestStallSeconds:F1} s, {Caught} caught in them; without those p50 {ClearP50:F1} ms, p99 {ClearP99:F1} ms, p99/p50 {Spread:F1}");
}

/// <summary>A phase's slow units (above 3 × p50) and what ran beside them: a GC of this process, events such as effect
/// deliveries finishing (counts, and the mean number per unit), and the slowest few (ms, and seconds into the phase).</summary>
internal sealed record Tail(
    int Units, int Slow, int SlowWithGc, int AllWithGc, int SlowWithEvent, int AllWithEvent, double EventsPerUnit, double EventsPerSlowUnit,
    IReadOnlyList<(double Milliseconds, double AtSecond)> Slowest)
{
    public override string ToString() => Units == 0 ? "no units" : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Slow} of {Units} units above 3 x p50; a GC of this process ran during {SlowWithGc} of them ({Share(SlowWithGc, Slow)}) against {Share(AllWithGc, Units)} of all units; " +
        $"an effect delivery finished during {SlowWithEvent} of them ({Share(SlowWithEvent, Slow)}, {EventsPerSlowUnit:F1} a unit) against {Share(AllWithEvent, Units)} of all units ({EventsPerUnit:F2} a unit); " +
        $"slowest: {string.Join(", ", Slowest.Select(s => $"{s.Milliseconds:F1} ms at {s.AtSecond:F1} s"))}");

    private static string Share(int part, int whole) => whole == 0 ? "-" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{100.0 * part / whole:F0} %");
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
        // Added to: a phase run in several windows (alternating with another) is timed over all of them.
        result.Elapsed += clock.Elapsed;
        return result;
    }
}

/// <summary>A phase to run: its name, what it counts, how many workers for how long, and the worker.</summary>
internal sealed record PhaseSpec(string Name, string Unit, int Workers, TimeSpan Duration, Func<int, Func<bool>, PhaseResult, Task> Worker);
