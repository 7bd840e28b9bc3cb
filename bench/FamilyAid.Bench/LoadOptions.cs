using System.Globalization;

namespace FamilyAid.Bench;

/// <summary>Options of the load run.</summary>
/// <param name="Scale">Multiplies every phase's duration (1 = the documented run, about 3.5–4 minutes in all).</param>
/// <param name="Concurrency">Operations in flight in the concurrent phases.</param>
/// <param name="KeepData">Leave the run's tables, queues and containers in the storage account afterwards.</param>
internal sealed record LoadOptions(double Scale, int Concurrency, bool KeepData)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/FamilyAid.Bench -- [load|micro|import|generate] [options]

          load (default)   raw transactions, runner commands, HTTP flows and settlements on one Azurite, with ratios
            --scale X        multiply every phase's duration by X (default 1: about 3.5–4 minutes in all)
            --concurrency N  operations in flight in the concurrent phases (default 16)
            --keep-data      keep the run's tables, queues and containers (default: deleted at the end)
          micro            BenchmarkDotNet micro-benchmarks (in-process); further arguments go to BenchmarkDotNet,
                           e.g. -- micro --filter '*Decide*'
          import           raw concurrent transactions, then an import of generated records through POST /api/admin/imports,
                           with the ratio [--records 100000] [--concurrency 16]
          generate N FILE  a platform file of N people (valid GB 11643 IDs) for imports, a few percent bad lines
                           [--bad-percent 3] [--seed 1]

        Storage: FAMILYAID_BENCH_STORAGE, else FAMILYAID_TEST_STORAGE (an Azurite connection string).
        """;

    /// <summary>Raw transactions, each way.</summary>
    public TimeSpan RawDuration => Seconds(10);

    /// <summary>Runner commands, each way.</summary>
    public TimeSpan RunnerDuration => Seconds(15);

    /// <summary>Runner commands one at a time with the app's queue trigger stopped (what is left of the tail is Azurite's).</summary>
    public TimeSpan PausedRunnerDuration => Seconds(5);

    /// <summary>The runner's steps timed one by one.</summary>
    public TimeSpan BreakdownDuration => Seconds(5);

    /// <summary>End-to-end flows, concurrent.</summary>
    public TimeSpan FlowDuration => Seconds(20);

    /// <summary>End-to-end flows one at a time (latency by step without queueing).</summary>
    public TimeSpan FlowSequentialDuration => Seconds(6);

    /// <summary>Settlements, each of the four ways (HTTP or services; one family account or spread over <see cref="Families"/>).</summary>
    public TimeSpan SettlementDuration => Seconds(10);

    /// <summary>A settlement's steps timed one by one (twice: before and after the settlement phases), and HTTP settlements one at a time.</summary>
    public TimeSpan SettlementStepsDuration => Seconds(3);

    /// <summary>Settlements with every storage request counted (the listener costs time: not a timed figure), each of two ways.</summary>
    public TimeSpan SettlementCensusDuration => Seconds(2);

    /// <summary>The raw reference at an app phase's table size, after its untimed fill (kept short: the fill grows with the size).</summary>
    public TimeSpan SameSizeRawDuration => Seconds(3);

    /// <summary>The families settlements are spread over (not scaled).</summary>
    public const int Families = 100;

    private TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s * Scale);

    public static bool TryParse(string[] args, out LoadOptions options, out string? error)
    {
        options = new LoadOptions(1, 16, false);
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--scale" when i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0:
                    options = options with { Scale = scale };
                    i++;
                    break;
                case "--concurrency" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 1:
                    options = options with { Concurrency = n };
                    i++;
                    break;
                case "--keep-data":
                    options = options with { KeepData = true };
                    break;
                default:
                    error = $"Bad option '{args[i]}'.";
                    return false;
            }
        }

        return true;
    }
}
