using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;

namespace FamilyAid.Bench;

/// <summary>The raw reference at the table size an app phase ran on. Azurite finds a point (read, insert, update, delete)
/// by an index on RowKey and then scans every row of the table that shares that RowKey for the PartitionKey, so what a
/// point operation costs grows with the rows sharing its row key in its table, not with the table's row count as such
/// nor with other tables (docs/BENCHMARKS.md, "Same-size raw"). So "the same size" is the same crowding: the raw
/// transactions, 16 in flight, are timed for a few seconds on a fresh table first filled (untimed) by raw transactions
/// until each of the raw's three row keys is shared by as many rows as the most crowded row key of the tables the
/// app's phase wrote and read by point. 100-row batches cannot do the fill: a batch is one partition, so its rows never
/// share a row key, and such rows slow nothing.</summary>
internal static class SameSizeRaw
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Timing windows of a measurement, for its spread.</summary>
    private const int Windows = 3;

    /// <summary>One measurement: the app phase it stands beside, the rows filled to (3 × the crowding matched), the table's rows when timing began
    /// and ended, how long the fill took, the timed phase and its per-window rates.</summary>
    public sealed record Reference(string AppPhase, long Rows, long RowsTimedFrom, long RowsTimedTo, TimeSpan Fill, PhaseResult Raw, IReadOnlyList<double> WindowRates)
    {
        public string Spread => string.Create(Inv, $"{WindowRates.Min():F0}–{WindowRates.Max():F0}/s over {WindowRates.Count} windows");
    }

    /// <summary>Fills <paramref name="table"/> (fresh) to <paramref name="rows"/> rows with raw transactions, untimed, then
    /// times raw transactions on it through <paramref name="phase"/> for <paramref name="duration"/>.</summary>
    public static async Task<Reference> Measure(
        TableClient table, string appPhase, long rows, int concurrency, TimeSpan duration, SettlementRun.PhaseRunner phase)
    {
        await table.CreateIfNotExistsAsync();
        var raw = new RawTransactions(table);
        var fill = Stopwatch.StartNew();
        long transactions = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref transactions) * 3 <= rows)
            {
                await raw.Commit(CancellationToken.None);
            }
        })));
        fill.Stop();
        var filled = rows / 3 * 3;

        var windows = new long[Windows];
        var window = duration / Windows;
        var clock = Stopwatch.StartNew();
        var result = await phase($"raw at the rows of '{appPhase}'", "transactions", concurrency, duration, async (_, go, r) =>
        {
            while (go())
            {
                try
                {
                    await r.Time("tx", () => raw.Commit(CancellationToken.None));
                    var at = (int)(clock.Elapsed / window);
                    if (at < Windows)
                    {
                        Interlocked.Increment(ref windows[at]);
                    }
                }
                catch (Exception)
                {
                    // Recorded by the phase.
                }
            }
        });
        Console.WriteLine(string.Create(Inv,
            $"    filled to {filled} rows by {filled / 3} raw transactions in {fill.Elapsed.TotalSeconds:F1} s (untimed); timed from {filled} to {filled + (result.Count * 3)} rows; " +
            $"per window of {window.TotalSeconds:F1} s: {string.Join(", ", windows.Select(w => (w / window.TotalSeconds).ToString("F0", Inv)))}/s"));
        return new Reference(appPhase, rows, filled, filled + (result.Count * 3), fill.Elapsed, result, [.. windows.Select(w => w / window.TotalSeconds)]);
    }

    /// <summary>The most rows sharing one row key in each table (what a point operation on that key scans on Azurite), read
    /// with a RowKey-only query (untimed).</summary>
    public static async Task<(string Text, long Most)> Crowding(IEnumerable<TableClient> tables)
    {
        var parts = new List<string>();
        long most = 0;
        foreach (var table in tables)
        {
            var byKey = new Dictionary<string, long>(StringComparer.Ordinal);
            long all = 0;
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey"], maxPerPage: 1000))
            {
                byKey[row.RowKey] = byKey.GetValueOrDefault(row.RowKey) + 1;
                all++;
            }

            var top = byKey.OrderByDescending(kv => kv.Value).FirstOrDefault();
            most = Math.Max(most, top.Value);
            parts.Add(top.Key is null ? $"{Short(table.Name)} empty" : string.Create(Inv, $"{Short(table.Name)} {all} rows, '{Trim(top.Key)}' ×{top.Value}"));
        }

        return (string.Join("; ", parts), most);
    }

    private static string Short(string name) => name.Length > 13 && name.StartsWith("bench", StringComparison.Ordinal) ? name[13..] : name;

    private static string Trim(string key) => key.Length > 12 ? key[..12] + "…" : key;
}
