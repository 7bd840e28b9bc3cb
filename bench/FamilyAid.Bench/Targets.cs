using System.Globalization;

namespace FamilyAid.Bench;

/// <summary>Issue 16's targets for the workflow runner, the HTTP binding flows and every phase's spread, judged on this
/// run's figures (its raw phases are the yardstick; the figures are only comparable as ratios within one run).</summary>
internal static class Targets
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Report(
        PhaseResult rawConc, PhaseResult runnerSeq, PhaseResult runnerConc, PhaseResult flowsSeq, PhaseResult flows,
        IReadOnlyList<(string Phase, Latency Latency)> latencies, IReadOnlyDictionary<string, CpuProbe.Usage> usage)
    {
        Console.WriteLine("TARGETS (issue 16: runner, HTTP flows, spread)");
        double Azurite(PhaseResult r) => usage.TryGetValue(r.Name, out var u) ? u.AzuriteMillisecondsPer(r.Count, r.Elapsed.TotalSeconds) : double.NaN;
        var concOverSeq = runnerConc.PerSecond / runnerSeq.PerSecond;
        var concOverRaw = runnerConc.PerSecond / rawConc.PerSecond;
        Line("4. runner, 16 in flight >= sequential", $"{concOverSeq:F2} x sequential ({runnerConc.PerSecond:F1}/s against {runnerSeq.PerSecond:F1}/s)", concOverSeq >= 1);
        Line("4. runner, 16 in flight >= 0.25 x raw concurrent", $"{concOverRaw:F2} x raw concurrent ({rawConc.PerSecond:F1}/s)", concOverRaw >= 0.25);
        // Azurite bound to its one core (a quiet machine), throughput goes as 1 / Azurite's CPU per unit: this ratio is
        // what 16 in flight can gain over one at a time, whatever else the machine was doing.
        Console.WriteLine(string.Create(Inv,
            $"  {"4. azurite cpu per runner command",-58} sequential {Azurite(runnerSeq):F2} ms, 16 in flight {Azurite(runnerConc):F2} ms: bound {Azurite(runnerSeq) / Azurite(runnerConc):F2} x sequential when azurite is the limit"));
        var flowGain = flows.PerSecond / flowsSeq.PerSecond;
        Line("5. HTTP flows, 16 in flight >= 2 x sequential", $"{flowGain:F2} x ({flows.PerSecond:F1}/s against {flowsSeq.PerSecond:F1}/s)", flowGain >= 2);
        Console.WriteLine(string.Create(Inv,
            $"  {"5. azurite cpu per HTTP flow",-58} sequential {Azurite(flowsSeq):F1} ms, 16 in flight {Azurite(flows):F1} ms"));
        var flow = flows.Latencies();
        Line("5. HTTP flows, per-flow p99 < 1 s", $"p99 {flow.P99:F0} ms" + (flow.Stalls > 0 ? $" ({flow.ClearP99:F0} ms without the {flow.Caught} flows caught in a stall)" : ""), flow.ClearP99 < 1000);
        foreach (var (phase, latency) in latencies)
        {
            Line($"6. {phase}: p99 <= 3 x p50", $"{latency.Spread:F1} x ({latency.ClearP50:F1} / {latency.ClearP99:F1} ms)" +
                (latency.Stalls > 0 ? $"; stalls apart: {latency.Stalls}, longest {latency.LongestStallSeconds:F1} s, p99 with them {latency.P99:F0} ms" : ""), latency.Spread <= 3);
        }

        Console.WriteLine();
    }

    private static void Line(string target, string figure, bool met) =>
        Console.WriteLine(string.Create(Inv, $"  {target,-58} {figure} -> {(met ? "met" : "NOT met")}"));
}
