using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Bench;

/// <summary>The settlement part of the load run: set-up, census, the steps one by one, then settlements through the HTTP
/// API and through the app's services, each on one family account and spread over the families; and its report.</summary>
internal static class SettlementRun
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Runs a phase as <c>LoadRun</c> does (name, unit, workers, duration, worker).</summary>
    public delegate Task<PhaseResult> PhaseRunner(string name, string unit, int workers, TimeSpan duration, Func<int, Func<bool>, PhaseResult, Task> worker);

    public sealed record Results(
        PhaseResult HttpSeq, PhaseResult HttpOne, PhaseResult HttpSpread, PhaseResult DirectOne, PhaseResult DirectSpread, PhaseResult StepsBefore, PhaseResult StepsAfter,
        IReadOnlyDictionary<string, long> RowsAtStart, StorageCalls Calls, StorageCalls LoadCalls, IReadOnlyDictionary<string, double> LegsPerSettlement,
        long CensusFailed, IReadOnlyList<string> Notes, IReadOnlyList<SameSizeRaw.Reference> SameSize)
    {
        public long Failed => new[] { HttpSeq, HttpOne, HttpSpread, DirectOne, DirectSpread, StepsBefore, StepsAfter }.Sum(r => r.Failed) + CensusFailed
            + SameSize.Sum(s => s.Raw.Failed);
    }

    public static async Task<Results> Run(
        SettlementLoad load, LoadOptions options, PhaseRunner phase, double rawConcurrentPerSecond, TableClient accounts, Func<StorageCalls> newCalls,
        Func<string, TableClient> tableOf)
    {
        var concurrency = options.Concurrency;
        var notes = new List<string>();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        var prep = Stopwatch.StartNew();
        await load.Prepare(LoadOptions.Families, concurrency, concurrency);
        Console.WriteLine($"  prepared {LoadOptions.Families} families (authorizers with {SettlementLoad.AuthorizerFen} fen, one member each with {SettlementLoad.MemberFen} fen; " +
            $"family 0 with {load.OneFamily.Count} members) through POST /api/admin/insured and RelationshipStore.Activate in {prep.Elapsed.TotalSeconds:F1} s (not timed)");

        // The census: a code issued and a settlement each way, their storage requests counted (untimed).
        StorageCalls calls;
        using (calls = newCalls())
        {
            await load.Census(calls, load.Spread[1], load.Spread[2]);
        }

        // Codes are issued before each phase (untimed), enough for an upper guess of its rate; what a phase leaves is
        // used by the next phase on the same families. The one family's codes go to its members in turn, so that the
        // settlements in flight are mostly of different members and only the family account is shared; the spread
        // codes are shuffled, so that settlements reach the families in no particular order.
        var oneCodes = new ConcurrentQueue<Code>();
        var spreadCodes = new ConcurrentQueue<Code>();
        async Task TopUp(ConcurrentQueue<Code> codes, IReadOnlyList<Payer> payers, double perSecond, TimeSpan duration)
        {
            var wanted = (int)Math.Ceiling(perSecond * duration.TotalSeconds) + concurrency;
            if (codes.Count >= wanted)
            {
                return;
            }

            var clock = Stopwatch.StartNew();
            var more = wanted - codes.Count;
            foreach (var code in await SettlementLoad.Codes(payers, more, concurrency, shuffle: payers != load.OneFamily))
            {
                codes.Enqueue(code);
            }

            Console.WriteLine(string.Create(Inv, $"  issued {more} payment codes through POST /api/payment-codes in {clock.Elapsed.TotalSeconds:F1} s ({more / clock.Elapsed.TotalSeconds:F0}/s, not timed)"));
        }

        async Task<PhaseResult> Timed(string name, ConcurrentQueue<Code> codes, bool http, TimeSpan duration, int workers, StorageCalls? counting = null, string tag = "")
        {
            rows[name] = await Rows(accounts);
            var ranOut = TimeSpan.Zero;
            var clock = Stopwatch.StartNew();
            var result = await phase(name, "settlements", workers, duration, (_, go, r) => load.Loop(r, go, codes, http, () =>
            {
                if (ranOut == TimeSpan.Zero)
                {
                    ranOut = clock.Elapsed;
                }
            }, counting, tag));
            if (ranOut > TimeSpan.Zero)
            {
                notes.Add(string.Create(Inv, $"{name}: the issued codes ran out after {ranOut.TotalSeconds:F1} s (the rate stands; the phase was shorter)"));
                Console.WriteLine($"  note: {notes[^1]}");
            }

            return result;
        }

        // The raw reference at the phase's table size: its three row keys each as crowded as the most crowded row key of
        // the settlement's tables when the phase ended (untimed fill, a few timed seconds).
        async Task<SameSizeRaw.Reference> SameSize(string appPhase, string rawTable)
        {
            var ended = await Rows(accounts);
            var (crowding, most) = await SameSizeRaw.Crowding(SettlementTables.Select(tableOf));
            Console.WriteLine($"  '{appPhase}': Accounts rows {rows[appPhase]} at its start, {ended} at its end; the most rows sharing one row key at its end: {crowding}");
            return await SameSizeRaw.Measure(tableOf(rawTable), appPhase, 3 * most, concurrency, options.SameSizeRawDuration, phase);
        }

        // An upper guess of the rates, from the raw figure: a settlement makes 12 or more storage requests, 2 of them transactions.
        var guess = rawConcurrentPerSecond / 4;
        await TopUp(spreadCodes, load.Spread, guess, options.SettlementStepsDuration * 2 + TimeSpan.FromSeconds(1));
        await phase("warm-up settlements", "settlements", concurrency, TimeSpan.FromSeconds(1), (_, go, r) => load.Loop(r, go, spreadCodes, http: true, () => { }));
        rows["settlement steps, sequential"] = await Rows(accounts);
        var stepsBefore = await phase("settlement steps, sequential", "settlements", 1, options.SettlementStepsDuration, (_, go, r) => load.Steps(r, go, spreadCodes));
        var httpSeq = await Timed("HTTP settlements, 100 families, sequential", spreadCodes, http: true, options.SettlementStepsDuration, 1);

        await TopUp(oneCodes, load.OneFamily, guess, options.SettlementDuration);
        var httpOne = await Timed($"HTTP settlements, one family, {concurrency} concurrent", oneCodes, http: true, options.SettlementDuration, concurrency);
        var sameSize = new List<SameSizeRaw.Reference> { await SameSize(httpOne.Name, "RawAtOne") };
        await TopUp(spreadCodes, load.Spread, Math.Max(guess, httpOne.PerSecond * 3), options.SettlementDuration);
        var httpSpread = await Timed($"HTTP settlements, {LoadOptions.Families} families, {concurrency} concurrent", spreadCodes, http: true, options.SettlementDuration, concurrency);
        sameSize.Add(await SameSize(httpSpread.Name, "RawAtSpread"));
        await TopUp(oneCodes, load.OneFamily, Math.Max(httpOne.PerSecond, httpSpread.PerSecond) * 2, options.SettlementDuration + options.SettlementCensusDuration);
        var directOne = await Timed($"services settlements, one family, {concurrency} concurrent", oneCodes, http: false, options.SettlementDuration, concurrency);
        await TopUp(spreadCodes, load.Spread, Math.Max(directOne.PerSecond * 3, httpSpread.PerSecond * 2), options.SettlementDuration + options.SettlementCensusDuration);
        var directSpread = await Timed($"services settlements, {LoadOptions.Families} families, {concurrency} concurrent", spreadCodes, http: false, options.SettlementDuration, concurrency);

        // The census under load: every storage request of the services settlements counted, retries of lost races included (untimed).
        var legs = new Dictionary<string, double>(StringComparer.Ordinal);
        long censusFailed = 0;
        StorageCalls loadCalls;
        using (loadCalls = newCalls())
        {
            // HTTP too: the idempotency claims of one institution's settlements share transactions only under load (DECISIONS 33).
            foreach (var (tag, codes, http) in new[]
            {
                ($"services, one family, {concurrency} in flight", oneCodes, false), ($"services, {LoadOptions.Families} families, {concurrency} in flight", spreadCodes, false),
                ($"HTTP, {LoadOptions.Families} families, {concurrency} in flight", spreadCodes, true),
            })
            {
                await TopUp(codes, codes == oneCodes ? load.OneFamily : load.Spread, Math.Max(directSpread.PerSecond, httpSpread.PerSecond) * 1.5, options.SettlementCensusDuration);
                var (legsBefore, answersBefore) = (load.Legs, load.Answers.Count);
                censusFailed += (await Timed($"census: {tag}", codes, http, options.SettlementCensusDuration, concurrency, loadCalls, tag)).Failed;
                legs[tag] = (load.Legs - legsBefore) / (double)Math.Max(1, load.Answers.Count - answersBefore);
            }
        }

        await TopUp(spreadCodes, load.Spread, Math.Max(stepsBefore.PerSecond * 2, 20), options.SettlementStepsDuration);
        rows["settlement steps again, sequential"] = await Rows(accounts);
        var stepsAfter = await phase("settlement steps again, sequential", "settlements", 1, options.SettlementStepsDuration, (_, go, r) => load.Steps(r, go, spreadCodes));
        rows["end"] = await Rows(accounts);
        return new Results(httpSeq, httpOne, httpSpread, directOne, directSpread, stepsBefore, stepsAfter, rows, calls, loadCalls, legs, censusFailed, notes, sameSize);
    }

    /// <summary>The tables a settlement reads or writes by point (the idempotency, relationship, pending-mark and
    /// reconciliation rows have row keys of their own and crowd nothing).</summary>
    private static readonly string[] SettlementTables =
        [StorageNames.AccountsTable, StorageNames.PaymentCodesTable, StorageNames.InsuredTable, StorageNames.MovementsTable, StorageNames.AuditTable];

    /// <summary>Rows in the Accounts table (Azurite runs every query's filter over all of them).</summary>
    private static async Task<long> Rows(TableClient accounts)
    {
        long n = 0;
        await foreach (var _ in accounts.QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1000))
        {
            n++;
        }

        return n;
    }

    // Each app phase against the standard raw (the run's fresh table: the issue's targets are judged on it) and against the
    // raw measured on a table of the phase's own size.
    private static void SameSizeReport(IReadOnlyList<SameSizeRaw.Reference> references, IReadOnlyDictionary<string, double> rates, PhaseResult rawConc, int concurrency)
    {
        Console.WriteLine($"SAME-SIZE RAW: raw transactions, {concurrency} concurrent, on a table filled by raw transactions until each of its 3 row keys is shared by as many rows as the most crowded row key of the phase's tables");
        Console.WriteLine($"{"phase",-46} {"per s",7} {"filled",6} {"raw same size",14} {"spread",28} {"p50/p99 ms",14} {"÷raw conc",9} {"÷same size",10}");
        foreach (var s in references)
        {
            var app = s.AppPhase;
            var phase = s.Raw;
            Console.WriteLine(string.Create(Inv,
                $"{app,-46} {AppRate(app),7:F1} {s.Rows,6} {phase.PerSecond,14:F1} {s.Spread,28} {phase.Percentile("tx", 50),6:F1}/{phase.Percentile("tx", 99),-7:F1} " +
                $"{AppRate(app) / rawConc.PerSecond,9:F3} {AppRate(app) / phase.PerSecond,10:F3}"));
        }

        Console.WriteLine(string.Create(Inv, $"  (standard raw, {concurrency} concurrent: {rawConc.PerSecond:F1}/s on a fresh table, which grew to {rawConc.Count * 3} rows in {rawConc.Elapsed.TotalSeconds:F0} s; the issue's targets 2 and 3 are judged against it)"));
        foreach (var s in references)
        {
            var ratio = AppRate(s.AppPhase) / rawConc.PerSecond;
            var bound = s.AppPhase.Contains("one family", StringComparison.Ordinal) ? 0.10 : 0.15;
            Console.WriteLine(string.Create(Inv,
                $"  target {(bound < 0.15 ? 3 : 2)}: {s.AppPhase} >= {bound:F2} x raw concurrent: {ratio:F3} -> {(ratio >= bound ? "met" : "NOT met")} (against the same-size raw {AppRate(s.AppPhase) / s.Raw.PerSecond:F3}, not the target's yardstick)"));
        }

        Console.WriteLine();
        double AppRate(string name) => rates.GetValueOrDefault(name, double.NaN);
    }

    public static void Report(Results r, PhaseResult rawSeq, PhaseResult rawConc, int concurrency, int families, LedgerCheck.Outcome check)
    {
        Console.WriteLine("SETTLEMENTS");
        Console.WriteLine($"{"figure",-52} {"count",7} {"s",6} {"per s",8} {"p50 ms",8} {"p99 ms",8} {"÷raw seq",9} {"÷raw conc",9} {"rows",7}");
        void Row(PhaseResult p, string step) => Console.WriteLine(string.Create(Inv,
            $"{p.Name,-52} {p.Count,7} {p.Elapsed.TotalSeconds,6:F1} {p.PerSecond,8:F1} {p.Percentile(step, 50),8:F1} {p.Percentile(step, 99),8:F1} " +
            $"{p.PerSecond / rawSeq.PerSecond,9:F2} {p.PerSecond / rawConc.PerSecond,9:F2} {r.RowsAtStart.GetValueOrDefault(p.Name),7}"));
        Row(rawSeq, "tx");
        Row(rawConc, "tx");
        Row(r.HttpSeq, SettlementLoad.Step);
        Row(r.HttpOne, SettlementLoad.Step);
        Row(r.HttpSpread, SettlementLoad.Step);
        Row(r.DirectOne, SettlementLoad.Step);
        Row(r.DirectSpread, SettlementLoad.Step);
        Row(r.StepsBefore, "whole settlement");
        Row(r.StepsAfter, "whole settlement");
        Console.WriteLine("  (rows: rows in the Accounts table when the phase began)");
        foreach (var note in r.Notes)
        {
            Console.WriteLine($"  note: {note}");
        }

        Console.WriteLine();
        SameSizeReport(r.SameSize, new[] { r.HttpOne, r.HttpSpread }.ToDictionary(p => p.Name, p => p.PerSecond), rawConc, concurrency);
        var httpRatio = r.HttpSpread.PerSecond / rawConc.PerSecond;
        var directRatio = r.DirectSpread.PerSecond / rawConc.PerSecond;
        Console.WriteLine(string.Create(Inv,
            $"GOAL settlements/s on {families} families >= 0.5 x raw transactions/s ({concurrency} concurrent): HTTP {httpRatio:F2} -> {(httpRatio >= 0.5 ? "met" : "NOT met")}; " +
            $"services {directRatio:F2} -> {(directRatio >= 0.5 ? "met" : "NOT met")} (against raw sequential: HTTP {r.HttpSpread.PerSecond / rawSeq.PerSecond:F2}, services {r.DirectSpread.PerSecond / rawSeq.PerSecond:F2})"));
        Console.WriteLine();

        Console.WriteLine(string.Create(Inv, $"settlement steps, one at a time (ms)          p50 with {r.RowsAtStart.GetValueOrDefault(r.StepsBefore.Name),6} rows      p99   p50 with {r.RowsAtStart.GetValueOrDefault(r.StepsAfter.Name),6} rows      p99   samples"));
        foreach (var step in r.StepsBefore.Steps.Union(r.StepsAfter.Steps).Order(StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(Inv,
                $"  {step,-44} {r.StepsBefore.Percentile(step, 50),10:F1} {r.StepsBefore.Percentile(step, 99),8:F1} {r.StepsAfter.Percentile(step, 50),14:F1} {r.StepsAfter.Percentile(step, 99),8:F1} {r.StepsBefore.Samples(step),5}/{r.StepsAfter.Samples(step)}"));
        }

        Console.WriteLine();
        Console.WriteLine("storage requests per settlement (one each way, a member's first bill of 50 yuan: both accounts pay; then the mean over");
        Console.WriteLine("a few seconds of services settlements with 16 in flight, a lost race for a balance row costing a query and a $batch more)");
        Console.WriteLine($"  {"step",-34} {string.Join(' ', StorageCalls.Kinds.Select(k => k.PadLeft(11)))} {"total",7}");
        foreach (var tag in r.Calls.Tags)
        {
            Console.WriteLine(string.Create(Inv,
                $"  {tag,-34} {string.Join(' ', StorageCalls.Kinds.Select(k => r.Calls.Per(tag, k).ToString("0.#", Inv).PadLeft(11)))} {r.Calls.Total(tag),7:0.#}"));
        }

        foreach (var tag in r.LoadCalls.Tags)
        {
            Console.WriteLine(string.Create(Inv,
                $"  {tag,-34} {string.Join(' ', StorageCalls.Kinds.Select(k => r.LoadCalls.Per(tag, k).ToString("0.00", Inv).PadLeft(11)))} {r.LoadCalls.Total(tag),7:0.00}" +
                $"  ({r.LegsPerSettlement.GetValueOrDefault(tag):F2} legs a settlement)"));
        }

        foreach (var tag in r.Calls.Tags)
        {
            Console.WriteLine($"  {tag}: {string.Join(", ", r.Calls.Sequence(tag))}");
        }

        Console.WriteLine();
        Console.WriteLine($"ledger check: {check.Accounts} accounts, {check.Entries} entries, {check.KeyRows} posting-key rows; every account's invariant " +
            $"(opening + entries = balance >= 0, entries 1..n, each key once): {(check.AccountsBad == 0 ? "yes, all" : $"NO, {check.AccountsBad} accounts broken")}; " +
            $"{check.Answers} settlement answers, own + family + quota + cash = bill and as stored: {(check.AnswersBad == 0 ? "yes, all" : $"NO, {check.AnswersBad} differ")}; " +
            $"{check.Stored} stored settlements, each leg once in the ledger for its amount: {(check.StoredBad == 0 ? "yes, all" : $"NO, {check.StoredBad} differ")}; " +
            $"stored but not acknowledged: {check.Unacknowledged}; pending left: {check.PendingLeft}");
        Console.WriteLine(string.Create(Inv, $"  legs posted: {check.Legs} for {check.Stored} settlements ({(double)check.Legs / Math.Max(1, check.Stored):F2} a settlement), {check.LegEntries} of them moved money (the other {check.Legs - check.LegEntries} found the member's own account empty and moved 0)"));
        foreach (var example in check.Examples)
        {
            Console.WriteLine($"  {example}");
        }

        Console.WriteLine();
    }
}
