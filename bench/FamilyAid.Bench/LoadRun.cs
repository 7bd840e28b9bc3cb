using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Bindings.Workflow;
using FamilyAid.Functions.Triggers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FamilyAid.Bench;

/// <summary>The load run: raw transactions, runner commands, HTTP flows and settlements on one storage account, in one
/// process, each for a bounded time, then the ratios, the goals, a check of every stream written and a check of every
/// account's ledger.</summary>
internal static class LoadRun
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] RawTables = ["RawWarm", "RawSeq", "RawConc", "RawAtOne", "RawAtSpread"];

    public static async Task<int> Run(LoadOptions options)
    {
        var connection = Environment.GetEnvironmentVariable("FAMILYAID_BENCH_STORAGE") is { Length: > 0 } bench ? bench
            : Environment.GetEnvironmentVariable("FAMILYAID_TEST_STORAGE") is { Length: > 0 } test ? test
            : null;
        if (connection is null)
        {
            await Console.Error.WriteLineAsync("Set FAMILYAID_BENCH_STORAGE (or FAMILYAID_TEST_STORAGE) to an Azurite connection string.");
            return 2;
        }

        var prefix = "bench" + string.Concat(Enumerable.Range(0, 8).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789"[Random.Shared.Next(36)]));
        var tableService = new TableServiceClient(connection);
        var tableEndpoint = tableService.Uri;
        try
        {
            using var reach = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await tableService.GetPropertiesAsync(reach.Token);
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"Storage at {tableEndpoint} is not answering ({e.GetType().Name}: {e.Message}). Start Azurite first (see docs/BENCHMARKS.md).");
            return 2;
        }

        var cpu = new CpuProbe(tableEndpoint.Port.ToString(Inv));
        var concurrency = options.Concurrency;
        var started = DateTimeOffset.Now;
        var total = Stopwatch.StartNew();
        Console.WriteLine($"FamilyAid load benchmark, {started:yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}");
        Console.WriteLine($"storage: {tableEndpoint} (tables, queues and blobs prefixed '{prefix}'); azurite process {(cpu.FoundAzurite ? "found" : "not found")} for cpu figures");
        Console.WriteLine($"concurrency {concurrency}; phases: raw {options.RawDuration.TotalSeconds:F0} s ×2, runner {options.RunnerDuration.TotalSeconds:F0} s ×2 (in turns, 4 windows each) and {options.PausedRunnerDuration.TotalSeconds:F0} s sequential with the queue trigger stopped, runner steps {options.BreakdownDuration.TotalSeconds:F0} s ×2, HTTP flows {options.FlowSequentialDuration.TotalSeconds:F0} s sequential and {options.FlowDuration.TotalSeconds:F0} s concurrent, " +
            $"settlements {options.SettlementDuration.TotalSeconds:F0} s ×4 and their steps {options.SettlementStepsDuration.TotalSeconds:F0} s ×2, " +
            $"raw at two settlement phases' table size {options.SameSizeRawDuration.TotalSeconds:F0} s ×2 (after an untimed fill)");
        Console.WriteLine();

        var usage = new Dictionary<string, CpuProbe.Usage>(StringComparer.Ordinal);
        var latencies = new List<(string Phase, Latency Latency)>();
        using var counters = new AppCounters();
        var counted = counters.Snapshot();
        string Counted()
        {
            var before = counted;
            counted = counters.Snapshot();
            return AppCounters.Between(before, counted);
        }

        async Task<PhaseResult> Phase(string name, string unit, int workers, TimeSpan duration, Func<int, Func<bool>, PhaseResult, Task> worker) =>
            (await Alternating([new PhaseSpec(name, unit, workers, duration, worker)], 1))[0];

        // Phases run in turns, in windows of duration / rounds, A B B A A B …: Azurite's costs grow with the rows the
        // phases add, so phases run one after the other would hand the later one a dearer table. In turns, they share it.
        async Task<PhaseResult[]> Alternating(IReadOnlyList<PhaseSpec> specs, int rounds)
        {
            var results = specs.Select(spec => new PhaseResult(spec.Name, spec.Unit)).ToArray();
            var windows = specs.Select(_ => new List<(CpuProbe.Sample, CpuProbe.Sample)>()).ToArray();
            var (gcBefore, pausedBefore, began) = (Collections(), GC.GetTotalPauseDuration(), DateTime.UtcNow);
            for (var round = 0; round < rounds; round++)
            {
                foreach (var i in round % 2 == 0 ? Enumerable.Range(0, specs.Count) : Enumerable.Range(0, specs.Count).Reverse())
                {
                    var (spec, result) = (specs[i], results[i]);
                    var before = cpu.Take();
                    await Driver.Run(result, spec.Workers, spec.Duration / rounds, (w, go) => spec.Worker(w, go, result));
                    windows[i].Add((before, cpu.Take()));
                }
            }

            for (var i = 0; i < specs.Count; i++)
            {
                var (name, unit, result) = (specs[i].Name, specs[i].Unit, results[i]);
                usage[name] = CpuProbe.Over(windows[i]);
                Console.WriteLine($"  {name}: {result.Count} {unit} in {result.Elapsed.TotalSeconds:F1} s = {result.PerSecond:F1}/s" +
                    $"{(rounds > 1 ? $" (in {rounds} windows, in turns with {string.Join(", ", specs.Where((_, j) => j != i).Select(s => $"'{s.Name}'"))})" : "")}" +
                    $"{(result.Failed > 0 ? $", {result.Failed} FAILED" : "")}; {usage[name]}");
                foreach (var error in result.Errors)
                {
                    Console.WriteLine($"    error: {error}");
                }

                var latency = result.Latencies();
                if (!name.StartsWith("warm-up", StringComparison.Ordinal) && !double.IsNaN(latency.P50))
                {
                    latencies.Add((name, latency));
                }

                var seconds = result.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(Inv, $"    {latency}; cpu ms per {unit.TrimEnd('s')}: azurite {usage[name].AzuriteMillisecondsPer(result.Count, seconds):F2}, " +
                    $"bench+app {usage[name].SelfMillisecondsPer(result.Count, seconds):F2}; app counted: {Counted()}"));
                if (i == specs.Count - 1)
                {
                    var (collections, paused) = (Collections(), GC.GetTotalPauseDuration());
                    Console.WriteLine(string.Create(Inv, $"    gc of this process{(specs.Count > 1 ? " (all windows)" : "")}: {string.Join("/", collections.Zip(gcBefore, (a, b) => a - b))} (gen 0/1/2), paused {(paused - pausedBefore).TotalMilliseconds:F0} ms; " +
                        $"(phase began {began:HH:mm:ss.fff} UTC)"));
                }

                Console.WriteLine($"    tail: {result.Tail(counters.DeliveredBetween())}");
            }

            return results;
        }

        // 1. Raw entity-group transactions.
        Console.WriteLine("1. raw entity-group transactions (3 Adds, fresh partition each)");
        // Each phase on a table of its own: Azurite's costs grow with a table's rows, and the phases should start alike.
        async Task<RawTransactions> RawOn(string name)
        {
            var table = tableService.GetTableClient(prefix + name);
            await table.CreateIfNotExistsAsync();
            return new RawTransactions(table);
        }

        var warm = await RawOn("RawWarm");
        await Phase("warm-up raw", "transactions", concurrency, TimeSpan.FromSeconds(1), (_, go, r) => RawLoop(warm, go, r));
        var rawSeqTable = await RawOn("RawSeq");
        var rawSeq = await Phase("raw, sequential", "transactions", 1, options.RawDuration, (_, go, r) => RawLoop(rawSeqTable, go, r));
        var raw = await RawOn("RawConc");
        var rawConc = await Phase($"raw, {concurrency} concurrent", "transactions", concurrency, options.RawDuration, (_, go, r) => RawLoop(raw, go, r));
        Console.WriteLine();

        var committed = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var effects = new QueueClient(connection, prefix + StorageNames.EffectsQueue, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06));
        var poison = new QueueClient(connection, prefix + StorageNames.EffectsQueue + "-poison", new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06));
        PhaseResult runnerSeq, runnerSeqPaused, runnerConc, stepsBefore, stepsAfter, flowsSeq, flows;
        StorageCalls calls;
        long rowsBefore, rowsAfter;
        StreamCheck.Outcome check;
        SettlementRun.Results settlements;
        QuotaSettlements.Results quotaSettlements;
        LedgerCheck.Outcome ledger;
        var drains = new List<string>();
        int poisoned;
        await using (var app = new BenchApp(connection, prefix, counters))
        {
            var services = app.Services; // starts the app: tables and queues created, local triggers running
            async Task<string> Drained(string when) => $"{await Drain(effects, when)}; app counted: {Counted()}";
            var runner = new RunnerCommands(
                services.GetRequiredService<BindingWorkflow>(), services.GetRequiredService<BindingStreamStore>(),
                services.GetRequiredService<BindingOutbox>(), services.GetRequiredService<BindingDecider>(),
                services.GetRequiredService<TimeProvider>(), committed);

            // 2. Workflow commands through the runner.
            Console.WriteLine("2. workflow commands through the runner (create, 7 × record-document, submit; each loads, decides, commits, dispatches)");
            await Phase("warm-up runner", "commands", concurrency, TimeSpan.FromSeconds(2), (_, go, r) => runner.Loop(r, go));
            drains.Add(await Drained("after warm-up"));
            // The steps one by one, on a nearly empty table and again at the end: Azurite scans the whole table for a query.
            stepsBefore = await Phase("runner steps, sequential", "requests", 1, options.BreakdownDuration, (_, go, r) => runner.Breakdown(r, go));
            rowsBefore = Rows(committed);
            drains.Add(await Drained("after runner steps"));
            // What else reaches Azurite while one command at a time runs (issue 16, target 6: this phase's tail).
            // Sequential and 16 in flight in turns (4 windows each), so that both meet the table at the same sizes (target 4).
            using (var background = new BackgroundRequests())
            {
                var pair = await Alternating(
                [
                    new PhaseSpec("runner, sequential", "commands", 1, options.RunnerDuration, (_, go, r) =>
                    {
                        BackgroundRequests.Foreground();
                        return runner.Loop(r, go);
                    }),
                    new PhaseSpec($"runner, {concurrency} concurrent", "commands", concurrency, options.RunnerDuration, (_, go, r) =>
                    {
                        BackgroundRequests.Foreground();
                        return runner.Loop(r, go);
                    }),
                ], 4);
                (runnerSeq, runnerConc) = (pair[0], pair[1]);
                var between = background.Between();
                var beside = runnerSeq.Tail(between);
                // Sent in the 5 ms before a command began: ahead of it in Azurite's queue, and not because the command was long.
                var ahead = runnerSeq.Tail((start, _) => between(start - (Stopwatch.Frequency / 200), start));
                Console.WriteLine(string.Create(Inv, $"    background storage requests (the app's queue trigger and timers) sent while a sequential command ran: {beside.EventsPerSlowUnit:F1} a slow command, " +
                    $"{beside.EventsPerUnit:F2} a command; in the 5 ms before it began: {ahead.EventsPerSlowUnit:F2} a slow command, {ahead.EventsPerUnit:F2} a command; by kind: {background.Kinds()}"));
            }

            drains.Add(await Drained("after runner, concurrent"));
            // Sequential again with the app's queue trigger and timers stopped, so that nothing but the commands reaches
            // Azurite: the tail that is left is Azurite's own (issue 16, target 6). The effects wait in the queue until it
            // restarts. It runs after the concurrent phase: every request it adds makes Azurite's point operations on the
            // Bindings table dearer (the rows sharing a row key, "Same-size raw"), which must not weigh on target 4.
            var trigger = services.GetServices<IHostedService>().OfType<LocalTriggerRunner>().Single();
            await trigger.StopAsync(CancellationToken.None);
            runnerSeqPaused = await Phase("runner, sequential, queue trigger stopped", "commands", 1, options.PausedRunnerDuration, (_, go, r) => runner.Loop(r, go));
            await trigger.StartAsync(CancellationToken.None);
            drains.Add(await Drained("after runner, sequential, queue trigger stopped"));
            rowsAfter = Rows(committed);
            stepsAfter = await Phase("runner steps again, sequential", "requests", 1, options.BreakdownDuration, (_, go, r) => runner.Breakdown(r, go));
            drains.Add(await Drained("after runner steps again"));
            Console.WriteLine();

            // 3. Complete flows through the HTTP API.
            Console.WriteLine($"3. HTTP flows (POST /bindings, 7 × PUT document, POST submit, GET), {concurrency} concurrent");
            var estimate = runnerConc.PerSecond / 9;
            var pool = (int)Math.Clamp(Math.Ceiling(estimate * options.FlowDuration.TotalSeconds * 1.5), 4 * concurrency, 3000);
            var prep = Stopwatch.StartNew();
            var http = new HttpFlows(app, committed);
            var members = await http.Insured(concurrency, "resident", new DateOnly(1998, 1, 1), concurrency);
            var sequentialPool = (int)Math.Ceiling(options.FlowSequentialDuration.TotalSeconds * 30);
            var authorizers = new ConcurrentQueue<Person>(await http.Insured(pool + concurrency + sequentialPool + 1, "employee", new DateOnly(1966, 1, 1), concurrency));
            Console.WriteLine($"  prepared {members.Count} members and {authorizers.Count} authorizers through POST /api/admin/insured in {prep.Elapsed.TotalSeconds:F1} s (not timed)");
            var warmup = new ConcurrentQueue<Person>(Enumerable.Range(0, concurrency).Select(_ => authorizers.TryDequeue(out var p) ? p : throw new InvalidOperationException()));
            await Phase("warm-up flows", "flows", concurrency, TimeSpan.FromSeconds(30), (i, go, r) => http.Loop(r, go, warmup, members[i], () => { }));
            drains.Add(await Drained("after warm-up flows"));

            // The census: one runner request and one HTTP flow, their storage requests counted by step (untimed).
            using (calls = new StorageCalls(tableEndpoint.Port, effects.Uri.Port, new BlobServiceClient(connection).Uri.Port, prefix))
            {
                var census = new PhaseResult("census", "requests");
                await runner.Census(census, calls);
                await http.Census(census, authorizers.TryDequeue(out var who) ? who : throw new InvalidOperationException(), members[0], calls);
            }

            drains.Add(await Drained("after census"));
            var sequentialQueue = new ConcurrentQueue<Person>(Enumerable.Range(0, sequentialPool).Select(_ => authorizers.TryDequeue(out var p) ? p : throw new InvalidOperationException()));
            flowsSeq = await Phase("HTTP flows, sequential", "flows", 1, options.FlowSequentialDuration,
                (i, go, r) => http.Loop(r, go, sequentialQueue, members[i], () => Console.WriteLine("  note: sequential flows ran out of authorizers")));
            drains.Add(await Drained("after HTTP flows, sequential"));
            var exhaustedAt = TimeSpan.Zero;
            var flowClock = Stopwatch.StartNew();
            flows = await Phase($"HTTP flows, {concurrency} concurrent", "flows", concurrency, options.FlowDuration,
                (i, go, r) => http.Loop(r, go, authorizers, members[i], () =>
                {
                    if (exhaustedAt == TimeSpan.Zero)
                    {
                        exhaustedAt = flowClock.Elapsed;
                    }
                }));
            if (exhaustedAt > TimeSpan.Zero)
            {
                Console.WriteLine($"  note: the prepared authorizers ran out after {exhaustedAt.TotalSeconds:F1} s (the rate stands; the phase was shorter)");
            }

            drains.Add(await Drained("after HTTP flows"));
            Console.WriteLine();

            // 4. Settlements through the HTTP API and through the app's services.
            Console.WriteLine($"4. settlements (POST /api/settlements, and the app's services), on one family account and over {LoadOptions.Families} families, {concurrency} concurrent");
            var load = new SettlementLoad(app, http, services);
            await load.RecordClinic();
            settlements = await SettlementRun.Run(
                load, options, (name, unit, workers, duration, worker) => Phase(name, unit, workers, duration, worker), rawConc.PerSecond,
                tableService.GetTableClient(prefix + StorageNames.AccountsTable),
                () => new StorageCalls(tableEndpoint.Port, effects.Uri.Port, new BlobServiceClient(connection).Uri.Port, prefix),
                name => tableService.GetTableClient(prefix + name));
            drains.Add(await Drained("after settlements"));
            Console.WriteLine();

            // 4b. 跨省共济: relatives insured in another province spend from a sharer's quota (issue 12).
            Console.WriteLine($"4b. cross-province settlements with quotas (POST /api/settlements at a gansu pharmacy: own account, quota, cash), {concurrency} concurrent");
            var quotas = new QuotaSettlements(app, http, services, load);
            quotaSettlements = await quotas.Run((name, unit, workers, duration, worker) => Phase(name, unit, workers, duration, worker), options, concurrency);
            drains.Add(await Drained("after cross-province settlements"));
            poisoned = (await poison.ExistsAsync()).Value ? (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
            Console.WriteLine();

            // The checks: every request's header version = its event rows = the commands acknowledged on it; every
            // account's invariant, and settlements as answered = as stored = as posted.
            Console.WriteLine("5. stream check and ledger check");
            check = await StreamCheck.Run(tableService.GetTableClient(prefix + StorageNames.BindingsTable), committed, concurrency);
            ledger = await LedgerCheck.Run(
                tableService.GetTableClient(prefix + StorageNames.AccountsTable), tableService.GetTableClient(prefix + StorageNames.MovementsTable), load.Answers,
                new Dictionary<string, HttpClient>(StringComparer.Ordinal) { [SettlementLoad.Institution] = load.Cashier, [QuotaSettlements.Pharmacy] = quotas.Cashier });
        }

        Report(rawSeq, rawConc, runnerSeq, runnerConc, flowsSeq, flows, concurrency, usage);
        Targets.Report(rawConc, runnerSeq, runnerConc, flowsSeq, flows, latencies, usage);
        Steps(stepsBefore, rowsBefore, stepsAfter, rowsAfter);
        Census(calls);
        SettlementRun.Report(settlements, rawSeq, rawConc, concurrency, LoadOptions.Families, ledger);
        QuotaSettlements.Report(quotaSettlements, rawConc);
        LedgerReport(ledger);
        foreach (var drain in drains)
        {
            Console.WriteLine($"effects queue: {drain}");
        }

        Console.WriteLine($"effects poisoned: {poisoned}");
        Console.WriteLine();
        Console.WriteLine($"stream check: {check.Requests} requests, {check.EventRows} event rows; header version = event rows: " +
            $"{(check.VersionMismatches == 0 ? "yes, all" : $"NO, {check.VersionMismatches} differ")}; event rows = commands acknowledged: " +
            $"{(check.CountMismatches == 0 ? "yes, all" : $"NO, {check.CountMismatches} differ")}; outbox rows left: {check.OutboxLeft}; " +
            $"header snapshot of a request: {check.SnapshotBytes} characters");
        foreach (var example in check.Examples)
        {
            Console.WriteLine($"  {example}");
        }

        if (options.KeepData)
        {
            Console.WriteLine($"data kept under prefix '{prefix}'");
        }
        else
        {
            await Cleanup(connection, tableService, prefix);
        }

        var failed = rawSeq.Failed + rawConc.Failed + runnerSeq.Failed + runnerSeqPaused.Failed + runnerConc.Failed + stepsBefore.Failed + stepsAfter.Failed + flowsSeq.Failed + flows.Failed
            + settlements.Failed + quotaSettlements.Phase.Failed;
        Console.WriteLine($"whole run {total.Elapsed.TotalSeconds:F0} s; load average {LoadAverage()}");
        Console.WriteLine(check.Passed ? "CHECK PASSED" : "CHECK FAILED");
        Console.WriteLine(ledger.Passed ? "LEDGER CHECK PASSED" : "LEDGER CHECK FAILED");
        if (failed > 0)
        {
            Console.WriteLine($"{failed} operations failed: the figures are not valid");
        }

        return !check.Passed || !ledger.Passed ? 1 : failed > 0 ? 3 : 0;
    }

    private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    private static async Task RawLoop(RawTransactions raw, Func<bool> go, PhaseResult result)
    {
        while (go())
        {
            try
            {
                await result.Time("tx", () => raw.Commit(CancellationToken.None));
            }
            catch (Exception)
            {
                // Recorded by the phase.
            }
        }
    }

    /// <summary>Waits (up to 60 s) until the app's local queue trigger has done every effect the phase queued.</summary>
    private static async Task<string> Drain(QueueClient queue, string when)
    {
        var clock = Stopwatch.StartNew();
        var first = -1;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var count = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            first = first < 0 ? count : first;
            if (count == 0)
            {
                var rate = first > 0 && clock.Elapsed.TotalSeconds > 0.5 ? string.Create(Inv, $" ({first / clock.Elapsed.TotalSeconds:F0}/s)") : "";
                return string.Create(Inv, $"{first} messages waiting {when}, drained in {clock.Elapsed.TotalSeconds:F1} s{rate}");
            }

            await Task.Delay(100);
        }

        return string.Create(Inv, $"{first} messages waiting {when}, NOT drained after 60 s");
    }

    private static void Report(
        PhaseResult rawSeq, PhaseResult rawConc, PhaseResult runnerSeq, PhaseResult runnerConc, PhaseResult flowsSeq, PhaseResult flows,
        int concurrency, Dictionary<string, CpuProbe.Usage> usage)
    {
        Console.WriteLine();
        Console.WriteLine("RESULTS");
        Console.WriteLine($"{"figure",-46} {"count",7} {"s",6} {"per s",8} {"p50 ms",8} {"p99 ms",8} {"÷raw seq",9} {"÷raw conc",9}");
        void Row(string name, double count, double seconds, double perSecond, double p50, double p99) =>
            Console.WriteLine(string.Create(Inv,
                $"{name,-46} {count,7:F0} {seconds,6:F1} {perSecond,8:F1} {p50,8:F1} {p99,8:F1} {perSecond / rawSeq.PerSecond,9:F2} {perSecond / rawConc.PerSecond,9:F2}"));
        void PhaseRow(string name, PhaseResult r, string step) =>
            Row(name, r.Count, r.Elapsed.TotalSeconds, r.PerSecond, r.Percentile(step, 50), r.Percentile(step, 99));

        PhaseRow("raw transactions/s, sequential", rawSeq, "tx");
        PhaseRow($"raw transactions/s, {concurrency} concurrent", rawConc, "tx");
        var runnerSeqAll = AllCommands(runnerSeq);
        var runnerConcAll = AllCommands(runnerConc);
        Row("runner commands/s, sequential", runnerSeq.Count, runnerSeq.Elapsed.TotalSeconds, runnerSeq.PerSecond, runnerSeqAll.P50, runnerSeqAll.P99);
        Row($"runner commands/s, {concurrency} concurrent", runnerConc.Count, runnerConc.Elapsed.TotalSeconds, runnerConc.PerSecond, runnerConcAll.P50, runnerConcAll.P99);
        PhaseRow("HTTP flows/s, sequential (p = per flow)", flowsSeq, HttpFlows.Flow);
        PhaseRow($"HTTP flows/s, {concurrency} concurrent (p = per flow)", flows, HttpFlows.Flow);
        Row("  workflow commands/s inside them (9 a flow)", flows.Count * 9, flows.Elapsed.TotalSeconds, flows.PerSecond * 9, double.NaN, double.NaN);
        Console.WriteLine();

        var seqRatio = runnerSeq.PerSecond / rawSeq.PerSecond;
        var concRatio = runnerConc.PerSecond / rawConc.PerSecond;
        Console.WriteLine(string.Create(Inv, $"GOAL runner commands/s >= 0.5 x raw transactions/s: sequential {seqRatio:F2} -> {(seqRatio >= 0.5 ? "met" : "NOT met")}; " +
            $"{concurrency} concurrent {concRatio:F2} -> {(concRatio >= 0.5 ? "met" : "NOT met")}"));
        Console.WriteLine();

        Console.WriteLine("latency by step (ms)                              samples      p50      p99     mean");
        void StepRows(string title, PhaseResult r)
        {
            foreach (var step in r.Steps)
            {
                Console.WriteLine(string.Create(Inv,
                    $"  {title + ": " + step,-48} {r.Samples(step),7} {r.Percentile(step, 50),8:F1} {r.Percentile(step, 99),8:F1} {r.Mean(step),8:F1}"));
            }
        }

        StepRows("runner seq", runnerSeq);
        StepRows("runner conc", runnerConc);
        StepRows("HTTP seq", flowsSeq);
        StepRows("HTTP conc", flows);
        Console.WriteLine();
        foreach (var (phase, u) in usage.Where(u => !u.Key.StartsWith("warm-up", StringComparison.Ordinal)))
        {
            Console.WriteLine($"{phase,-28} {u}");
        }

        Console.WriteLine();
    }

    // The ledger check's quota and reconciliation parts (the rest is printed with the settlements).
    private static void LedgerReport(LedgerCheck.Outcome ledger)
    {
        var q = ledger.Quotas;
        Console.WriteLine(string.Create(Inv,
            $"ledger check, quotas: {q.Quotas} quota rows; reserved {q.ReservedFen} - spent {q.SpentFen} + restored {q.RestoredFen} - released {q.ReleasedFen} = {q.ReservedFen - q.SpentFen + q.RestoredFen - q.ReleasedFen} fen, " +
            $"left in the quota rows {q.LeftFen} fen: {(q.Balanced ? "balanced" : "NOT balanced")}; accounts whose reservations disagree: {q.AccountsBad}"));
        foreach (var r in ledger.Reconciliation)
        {
            Console.WriteLine($"ledger check, reconciliation of {r.Id} ({r.Days} China day(s), {r.Lines} lines): {(r.Agrees ? "equals the ledger" : "DIFFERS from the ledger")}");
            Console.WriteLine($"  settlements: reconciliation {r.Settled}; ledger {r.SettledInLedger}");
            Console.WriteLine($"  refunds:     reconciliation {r.Refunded}; ledger {r.RefundedInLedger}");
        }

        Console.WriteLine();
    }

    private static void Census(StorageCalls calls)
    {
        Console.WriteLine("storage requests per step (one request / one flow, counted from the Azure SDK's events; background work not included)");
        Console.WriteLine($"  {"step",-34} {string.Join(' ', StorageCalls.Kinds.Select(k => k.PadLeft(11)))} {"total",7}");
        foreach (var tag in calls.Tags)
        {
            Console.WriteLine(string.Create(Inv,
                $"  {tag,-34} {string.Join(' ', StorageCalls.Kinds.Select(k => calls.Per(tag, k).ToString("0.#", Inv).PadLeft(11)))} {calls.Total(tag),7:0.#}"));
        }

        foreach (var tag in calls.Tags)
        {
            Console.WriteLine($"  {tag}: {string.Join(", ", calls.Sequence(tag))}");
        }

        Console.WriteLine();
    }

    /// <summary>Rows in the Bindings table now (headers and events; outbox rows come and go).</summary>
    private static long Rows(ConcurrentDictionary<string, int> committed) => committed.Count + committed.Values.Sum(v => (long)v);

    private static void Steps(PhaseResult before, long rowsBefore, PhaseResult after, long rowsAfter)
    {
        Console.WriteLine("runner steps, one at a time (ms)      p50 / p99 with ~" + rowsBefore.ToString(Inv).PadRight(6) + " rows   p50 / p99 with ~" + rowsAfter.ToString(Inv) + " rows in the Bindings table");
        foreach (var step in new[] { "load header", "decide + commit", "dispatch (no effect)", "dispatch (2 effects)" })
        {
            Console.WriteLine(string.Create(Inv, $"  {step,-34} {before.Percentile(step, 50),10:F1} / {before.Percentile(step, 99),-6:F1} {"",6} {after.Percentile(step, 50),10:F1} / {after.Percentile(step, 99),-6:F1}"));
        }

        Console.WriteLine();
    }

    // Every command of a runner phase, whatever its kind (those phases time commands only).
    private static (double P50, double P99) AllCommands(PhaseResult r) => (r.PercentileAll(50), r.PercentileAll(99));

    private static async Task Cleanup(string connection, TableServiceClient tables, string prefix)
    {
        try
        {
            foreach (var table in new Tables(tables, prefix).All.Concat(RawTables.Select(n => tables.GetTableClient(prefix + n))))
            {
                await table.DeleteAsync();
            }

            var queues = new QueueServiceClient(connection, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06));
            await queues.DeleteQueueAsync(prefix + StorageNames.EffectsQueue);
            await queues.DeleteQueueAsync(prefix + StorageNames.EffectsQueue + "-poison");
            var blobs = new BlobServiceClient(connection, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));
            await blobs.GetBlobContainerClient(prefix + StorageNames.DocumentsContainer).DeleteIfExistsAsync();
            await blobs.GetBlobContainerClient(prefix + StorageNames.LocksContainer).DeleteIfExistsAsync();
            Console.WriteLine($"deleted the run's tables, queues and containers (prefix '{prefix}')");
        }
        catch (Exception e)
        {
            Console.WriteLine($"cleanup of prefix '{prefix}' failed: {e.GetType().Name}: {e.Message}");
        }
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
