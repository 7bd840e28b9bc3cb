using System.Diagnostics;
using System.Globalization;

namespace FamilyAid.Bench;

/// <summary>Where the CPU went during a phase (Linux /proc; nothing elsewhere): this process (the driver and the app it
/// hosts), the Azurite process that serves the table port, and everything else on the machine, each as a share of
/// one core (200% = both cores of a 2-core machine).</summary>
internal sealed class CpuProbe
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly int? azuritePid;

    public CpuProbe(string tablePort) => azuritePid = FindAzurite(tablePort);

    public bool FoundAzurite => azuritePid is not null;

    public sealed record Sample(long Timestamp, TimeSpan Self, double Azurite, double MachineBusy);

    public sealed record Usage(double SelfPercent, double AzuritePercent, double OtherPercent)
    {
        /// <summary>Azurite's CPU time per unit done in <paramref name="seconds"/> (ms): what a unit costs the storage,
        /// which a busy machine changes far less than it changes wall-clock rates.</summary>
        public double AzuriteMillisecondsPer(long units, double seconds) => units > 0 ? AzuritePercent / 100 * seconds * 1000 / units : double.NaN;

        /// <summary>The bench process's (driver and app) CPU time per unit (ms).</summary>
        public double SelfMillisecondsPer(long units, double seconds) => units > 0 ? SelfPercent / 100 * seconds * 1000 / units : double.NaN;

        public override string ToString() => double.IsNaN(SelfPercent)
            ? "cpu: n/a"
            : string.Create(CultureInfo.InvariantCulture,
                $"cpu (% of one core): bench+app {SelfPercent:F0}, azurite {(double.IsNaN(AzuritePercent) ? "n/a" : AzuritePercent.ToString("F0", CultureInfo.InvariantCulture))}, other {OtherPercent:F0}");
    }

    public Sample Take() => new(
        Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime,
        azuritePid is { } pid ? ProcessTicks(pid) : double.NaN, MachineBusyTicks());

    public static Usage Between(Sample a, Sample b) => Over([(a, b)]);

    /// <summary>The usage over several windows taken as one phase (the time between them left out).</summary>
    public static Usage Over(IReadOnlyList<(Sample From, Sample To)> windows)
    {
        var wall = windows.Sum(w => Stopwatch.GetElapsedTime(w.From.Timestamp, w.To.Timestamp).TotalSeconds);
        if (wall <= 0 || windows.Any(w => double.IsNaN(w.From.MachineBusy)))
        {
            return new Usage(double.NaN, double.NaN, double.NaN);
        }

        var self = windows.Sum(w => (w.To.Self - w.From.Self).TotalSeconds) / wall * 100;
        var azurite = windows.Sum(w => w.To.Azurite - w.From.Azurite) / TicksPerSecond / wall * 100;
        var machine = windows.Sum(w => w.To.MachineBusy - w.From.MachineBusy) / TicksPerSecond / wall * 100;
        return new Usage(self, azurite, Math.Max(0, machine - self - (double.IsNaN(azurite) ? 0 : azurite)));
    }

    // Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot (after the name, which may hold spaces).
    private static long? StartTicks(string dir)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.TryParse(fields[19], CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int? FindAzurite(string tablePort)
    {
        (int Pid, long Started)? newest = null;
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                string cmdline;
                try
                {
                    cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    continue;
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                if (cmdline.Contains("azurite", StringComparison.Ordinal) && cmdline.StartsWith("node", StringComparison.Ordinal) &&
                    cmdline.Contains($"--tablePort {tablePort}", StringComparison.Ordinal) && StartTicks(dir) is { } started
                    && (newest is null || started > newest.Value.Started))
                {
                    newest = (pid, started);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
        }

        // An Azurite just told to stop may still be exiting beside the one that took over its ports: the newest serves.
        if (newest is { } found)
        {
            return found.Pid;
        }

        return null;
    }

    private static double ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 3, utime 14 and stime 15 → indexes 11 and 12 here.
            return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return double.NaN;
        }
    }

    private static double MachineBusyTicks()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
            var values = cpu.Skip(1).Take(8).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return values.Sum() - values[3] - values[4];
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }
}
