using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace FamilyAid.Bench;

/// <summary>The import run: raw concurrent transactions (the floor), then a generated platform file of N people (a few
/// percent bad lines) uploaded to <c>POST /api/admin/imports</c> and imported by the app's own queue trigger, in one
/// process on one storage account; records/s, the ratio to raw concurrent transactions/s, and the process's memory.</summary>
internal static class ImportRun
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary><c>import [--records N] [--concurrency C] [--keep-file]</c>.</summary>
    public const string Usage = "usage: FamilyAid.Bench import [--records 100000] [--concurrency 16]";

    public static async Task<int> Run(IReadOnlyList<string> args)
    {
        var records = Option(args, "--records", 100_000);
        var concurrency = Option(args, "--concurrency", 16);
        var connection = Environment.GetEnvironmentVariable("FAMILYAID_BENCH_STORAGE") is { Length: > 0 } bench ? bench
            : Environment.GetEnvironmentVariable("FAMILYAID_TEST_STORAGE") is { Length: > 0 } test ? test
            : null;
        if (connection is null || records <= 0 || concurrency <= 0)
        {
            await Console.Error.WriteLineAsync(connection is null ? "Set FAMILYAID_BENCH_STORAGE (or FAMILYAID_TEST_STORAGE) to an Azurite connection string." : Usage);
            return 2;
        }

        var prefix = "bimp" + Guid.NewGuid().ToString("N")[..8];
        Console.WriteLine($"FamilyAid import benchmark, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (a shared machine: other work was running)");

        // 1. The floor, as the load run measures it.
        var table = new TableServiceClient(connection).GetTableClient(prefix + "RawConc");
        await table.CreateIfNotExistsAsync();
        var raw = new RawTransactions(table);
        var floor = new PhaseResult("raw", "transactions");
        await Driver.Run(floor, concurrency, TimeSpan.FromSeconds(10), async (_, go) =>
        {
            while (go())
            {
                await floor.Time("tx", () => raw.Commit(CancellationToken.None));
            }
        });
        Console.WriteLine($"1. raw, {concurrency} concurrent: {floor.Count} transactions in {floor.Elapsed.TotalSeconds:F1} s = {floor.PerSecond:F1}/s");

        // 2. The import.
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}.jsonl");
        await using (var writer = new StreamWriter(path))
        {
            var (_, bad) = PlatformFile.Write(writer, records, 0.03, 1);
            Console.WriteLine($"2. import of {records:N0} generated records ({bad:N0} bad), {new FileInfo(path).Length:N0} bytes, Imports:Concurrency {concurrency}");
        }

        using var counters = new AppCounters();
        // The import is started through its queue: polled briskly, so that the figure is the import's, not the poll's wait.
        await using var app = new BenchApp(connection, prefix, counters, new()
        {
            ["Imports:Concurrency"] = concurrency.ToString(Inv),
            ["Triggers:PollMilliseconds"] = "50",
        });
        using var admin = app.As("bench-admin", "admin");
        admin.Timeout = Timeout.InfiniteTimeSpan;
        var memoryBefore = Process.GetCurrentProcess().WorkingSet64;
        var clock = Stopwatch.StartNew();
        await using var file = File.OpenRead(path);
        using var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await admin.PostAsync(new Uri("/api/admin/imports", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            Console.WriteLine($"upload refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return 1;
        }

        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        var uploaded = clock.Elapsed;
        long peak = 0;
        var shown = TimeSpan.Zero;
        JsonNode view;
        while (true)
        {
            view = JsonNode.Parse(await admin.GetStringAsync(new Uri($"/api/admin/imports/{id}", UriKind.Relative)))!;
            peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
            if (clock.Elapsed - shown > TimeSpan.FromSeconds(30))
            {
                // A run stopped early still leaves its figures.
                shown = clock.Elapsed;
                var read = view["read"]!.GetValue<long>();
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds:F0} s: {read:N0} read = {read / clock.Elapsed.TotalSeconds:F1} records/s " +
                    $"({read / clock.Elapsed.TotalSeconds / floor.PerSecond:F2}× raw); working set {Process.GetCurrentProcess().WorkingSet64 / 1048576:N0} MiB; load average {LoadAverage()}");
            }

            if (view["status"]!.GetValue<string>() is "done" or "failed")
            {
                break;
            }

            await Task.Delay(500);
        }

        var elapsed = clock.Elapsed;
        var perSecond = records / elapsed.TotalSeconds;
        long Count(string name) => view[name]!.GetValue<long>();
        Console.WriteLine($"  upload {uploaded.TotalSeconds:F1} s; status {view["status"]}: {Count("read"):N0} read, {Count("applied"):N0} applied, " +
            $"{Count("unchanged"):N0} unchanged, {Count("refused"):N0} refused in {elapsed.TotalSeconds:F1} s = {perSecond:F1} records/s");
        Console.WriteLine($"  process working set {memoryBefore / 1048576:N0} MiB before, {peak / 1048576:N0} MiB at most during the import (file {new FileInfo(path).Length / 1048576.0:F1} MiB)");
        Console.WriteLine();
        Console.WriteLine($"import ratio: {perSecond:F1} records/s ÷ {floor.PerSecond:F1} raw concurrent transactions/s = {perSecond / floor.PerSecond:F2}× (goal ≥ 0.3×)");
        Console.WriteLine($"load average {LoadAverage()}");
        File.Delete(path);
        await table.DeleteAsync();
        return view["status"]!.GetValue<string>() == "done" && Count("read") == records ? 0 : 1;
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return int.TryParse(args[i + 1], NumberStyles.None, Inv, out var value) ? value : -1;
            }
        }

        return fallback;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
