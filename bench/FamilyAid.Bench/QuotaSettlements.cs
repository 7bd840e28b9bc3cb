using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Bench;

/// <summary>跨省共济 with quotas (issue 12): guangdong sharers, each with one parent insured in gansu, bound as the journey
/// tests bind them (a sharing relationship in the sharer's region, the member insured elsewhere; activated straight through
/// <see cref="RelationshipStore.Activate"/> as the other settlement phases do), a 共济额度 set through
/// <c>PUT /api/relationships/{id}/quota</c>, then bills at a designated gansu pharmacy through <c>POST /api/settlements</c>:
/// the parent's own account first, then the quota, then cash. Afterwards a few are refunded (the quota legs go back), so
/// that the ledger check sees quota spending and restoring, and reconciliation both kinds of line.</summary>
internal sealed class QuotaSettlements(BenchApp app, HttpFlows people, IServiceProvider services, SettlementLoad load)
{
    /// <summary>The designated gansu pharmacy the parents buy from (their own province: no remote registration needed).</summary>
    public const string Pharmacy = "bench-gansu-pharmacy";

    /// <summary>Sharer–parent pairs: few enough that each parent's bills run through own account, quota and cash in a short phase.</summary>
    public const int Families = 32;

    /// <summary>What each sharer's personal account opens with (10 000 yuan).</summary>
    public const long SharerFen = 1_000_000;

    /// <summary>Each parent's own account (5 yuan): the first bill's first part.</summary>
    public const long ParentFen = 500;

    /// <summary>The quota each sharer reserves for their parent (30 yuan): after it, cash.</summary>
    public const long QuotaFen = 3_000;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly HttpClient cashier = app.As("bench-gansu-cashier", "institution", Pharmacy);
    private IReadOnlyList<Payer> parents = [];

    /// <summary>The pharmacy's cashier (reads the pharmacy's reconciliation for the ledger check).</summary>
    public HttpClient Cashier => cashier;

    /// <summary>What the phase measured and did.</summary>
    public sealed record Results(PhaseResult Phase, int Refunded, long QuotaFenPaid, long OwnFenPaid, long CashFenPaid, TimeSpan Preparation);

    /// <summary>Set-up (untimed), codes issued (untimed), the timed phase with <paramref name="concurrency"/> in flight, then refunds.</summary>
    public async Task<Results> Run(SettlementRun.PhaseRunner phase, LoadOptions options, int concurrency)
    {
        var prep = Stopwatch.StartNew();
        await Prepare(concurrency);
        var codes = await SettlementLoad.Codes(parents, (int)Math.Ceiling(200 * options.SettlementDuration.TotalSeconds) + concurrency, concurrency, shuffle: true);
        prep.Stop();
        Console.WriteLine(string.Create(Inv, $"  prepared {Families} guangdong sharers ({SharerFen} fen) and their parents insured in gansu ({ParentFen} fen), a quota of {QuotaFen} fen each " +
            $"through PUT /api/relationships/{{id}}/quota, and {codes.Count} payment codes, in {prep.Elapsed.TotalSeconds:F1} s (not timed)"));
        var answers = new ConcurrentBag<SettlementAnswer>();
        var result = await phase($"HTTP cross-province settlements with quotas, {Families} families, {concurrency} concurrent", "settlements", concurrency,
            options.SettlementDuration, (_, go, r) => Loop(r, go, codes, answers));
        var refunded = 0;
        foreach (var answer in answers.Where(a => a.QuotaFen > 0).Take(10))
        {
            await Refund(answer);
            refunded++;
        }

        return new Results(result, refunded, answers.Sum(a => a.QuotaFen), answers.Sum(a => a.OwnFen), answers.Sum(a => a.CashFen), prep.Elapsed);
    }

    /// <summary>Prints the phase beside raw transactions of the same run.</summary>
    public static void Report(Results r, PhaseResult rawConc)
    {
        var p = r.Phase;
        Console.WriteLine("CROSS-PROVINCE SETTLEMENTS WITH QUOTAS (跨省共济: own account -> quota -> cash)");
        Console.WriteLine(string.Create(Inv,
            $"  {p.Name}: {p.Count} in {p.Elapsed.TotalSeconds:F1} s = {p.PerSecond:F1}/s, p50 {p.Percentile(SettlementLoad.Step, 50):F1} ms, p99 {p.Percentile(SettlementLoad.Step, 99):F1} ms; " +
            $"{p.PerSecond / rawConc.PerSecond:F3} x raw concurrent ({rawConc.PerSecond:F0}/s){(p.Failed > 0 ? $"; {p.Failed} FAILED" : "")}"));
        Console.WriteLine(string.Create(Inv,
            $"  paid: own accounts {r.OwnFenPaid} fen, quotas {r.QuotaFenPaid} fen, cash {r.CashFenPaid} fen; then {r.Refunded} of them refunded (untimed, quota legs restored)"));
        Console.WriteLine();
    }

    private async Task Prepare(int concurrency)
    {
        using var admin = app.As("bench-admin", "admin");
        await SettlementLoad.Expect(await admin.PutAsJsonAsync($"/api/admin/institutions/{Pharmacy}", new
        {
            name = "压测甘肃药房", kind = "pharmacy", region = "gansu", cityCode = "620100", designated = true, validFrom = new DateOnly(2000, 1, 1),
        }), HttpStatusCode.OK, "record the gansu pharmacy");
        var sharers = await people.Insured(Families, "employee", new DateOnly(1975, 1, 1), concurrency, SharerFen);
        var elders = await people.Insured(Families, "employee", new DateOnly(1950, 1, 1), concurrency, ParentFen, region: "gansu");
        var relationships = services.GetRequiredService<RelationshipStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        var made = new Payer[Families];
        await Task.WhenAll(Enumerable.Range(0, Families).Select(async i =>
        {
            var id = Ids.New(clock);
            await relationships.Activate(
                new ActivateRelationship(id, sharers[i].Id, elders[i].Id, BindingKind.Sharing, Relation.Parent, "guangdong", clock.GetUtcNow()), CancellationToken.None);
            using var sharer = app.As(sharers[i].Id);
            await SettlementLoad.Expect(
                await sharer.PutAsJsonAsync($"/api/relationships/{id}/quota", new { amountFen = QuotaFen }), HttpStatusCode.OK, "set the quota");
            made[i] = new Payer(elders[i], sharers[i].Id, id, app.As(elders[i].Id));
        }));
        parents = made;
    }

    private async Task Loop(PhaseResult result, Func<bool> go, ConcurrentQueue<Code> codes, ConcurrentBag<SettlementAnswer> answers)
    {
        while (go() && codes.TryDequeue(out var code))
        {
            try
            {
                answers.Add(await result.Time(SettlementLoad.Step, () => Settle(code)));
            }
            catch (Exception)
            {
                // Recorded by the phase; on with the next code.
            }
        }
    }

    private async Task<SettlementAnswer> Settle(Code code)
    {
        var bill = Random.Shared.Next(SettlementLoad.BillMinFen, SettlementLoad.BillMaxFen + 1);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/settlements")
        {
            Content = JsonContent.Create(new { paymentCode = code.Value, category = "pharmacy", amountFen = bill }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var body = await SettlementLoad.Expect(await cashier.SendAsync(request), HttpStatusCode.Created, "settle across provinces");
        var answer = new SettlementAnswer(
            body["id"]!.GetValue<string>(), code.Payer.Member.Id, code.Payer.AuthorizerId, bill, body["ownAccountFen"]!.GetValue<long>(),
            body["familyAccountFen"]!.GetValue<long>(), body["cashFen"]!.GetValue<long>(), body["status"]!.GetValue<string>(),
            body["quotaFen"]!.GetValue<long>(), CrossProvince: true);
        return load.Answers.TryAdd(answer.Id, answer) ? answer : throw new InvalidOperationException($"Settlement id {answer.Id} answered twice.");
    }

    private async Task Refund(SettlementAnswer answer)
    {
        var body = await SettlementLoad.Expect(await cashier.PostAsync($"/api/settlements/{answer.Id}/refund", null), HttpStatusCode.OK, "refund");
        load.Answers[answer.Id] = answer with { Status = body["status"]!.GetValue<string>() };
    }
}
