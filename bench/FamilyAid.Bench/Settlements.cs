using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Ledger;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Settlements;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Bench;

/// <summary>A member who pays with payment codes, and the authorizer whose personal account is the family account
/// (guangdong funds families directly, without a pool).</summary>
internal sealed record Payer(Person Member, string AuthorizerId, string RelationshipId, HttpClient Client);

/// <summary>A payment code issued to <see cref="Payer"/>, waiting for its settlement.</summary>
internal sealed record Code(Payer Payer, string Value);

/// <summary>What the driver was told about one settlement (<paramref name="CrossProvince"/>: a relative insured in another
/// province than the sharer, whose quota in the sharer's account pays after their own account, and no family account).</summary>
internal sealed record SettlementAnswer(
    string Id, string PayerId, string AuthorizerId, long BillFen, long OwnFen, long FamilyFen, long CashFen, string Status, long QuotaFen = 0, bool CrossProvince = false);

/// <summary>Settlements: the set-up (people registered through the admin endpoint, sharing relationships activated
/// straight through <see cref="RelationshipStore.Activate"/>, payment codes issued through <c>POST /api/payment-codes</c>),
/// then settlements through <c>POST /api/settlements</c> or straight through the app's services, as
/// <c>CreateSettlement</c> drives them. Every answer is kept for the ledger check.</summary>
internal sealed class SettlementLoad(BenchApp app, HttpFlows people, IServiceProvider services)
{
    public const string Step = "settlement";

    /// <summary>The institution claim of the cashier's token.</summary>
    public const string Institution = "bench-clinic";

    /// <summary>What each authorizer's personal account (the family account) opens with: 100 000 yuan.</summary>
    public const long AuthorizerFen = 10_000_000;

    /// <summary>What each member's own personal account opens with: 20 yuan, so that the first bill or two of a member
    /// are paid from it and nearly every settlement after that from the family account (still posting an empty-account
    /// debit of 0 to the member's account first).</summary>
    public const long MemberFen = 2_000;

    /// <summary>Bills are drawn between these (1–20 yuan), so that 100 000 yuan outlast any run.</summary>
    public const int BillMinFen = 100, BillMaxFen = 2_000;

    private readonly HttpClient cashier = app.As("bench-cashier", "institution", Institution);

    /// <summary>The clinic's cashier (reads the clinic's reconciliation for the ledger check).</summary>
    public HttpClient Cashier => cashier;

    /// <summary>The clinic as the registry records it: a designated guangdong hospital, in the payers' own province.</summary>
    private static readonly Domain.Institutions.Institution Clinic = new(
        Institution, "压测诊所", Domain.Institutions.InstitutionKind.Hospital, "guangdong", "440100", Designated: true, new DateOnly(2000, 1, 1), ValidTo: null);

    /// <summary>Records <see cref="Clinic"/> through the admin route: an institution token settles only for a designated one.</summary>
    public async Task RecordClinic()
    {
        using var admin = app.As("bench-admin", "admin");
        await Expect(await admin.PutAsJsonAsync($"/api/admin/institutions/{Institution}", new
        {
            name = Clinic.Name, kind = "hospital", region = Clinic.Region, cityCode = Clinic.CityCode, designated = true, validFrom = Clinic.ValidFrom,
        }), HttpStatusCode.OK, "record the clinic");
    }
    private readonly SettlementPayers payers = services.GetRequiredService<SettlementPayers>();
    private readonly MovementStore movements = services.GetRequiredService<MovementStore>();
    private readonly MovementRunner runner = services.GetRequiredService<MovementRunner>();
    private readonly IMovementEnds ends = services.GetRequiredService<IMovementEnds>();
    private readonly AccountLedger ledger = services.GetRequiredService<AccountLedger>();
    private readonly TimeProvider clock = services.GetRequiredService<TimeProvider>();
    private readonly TableClient accounts = services.GetRequiredService<Tables>().Accounts;
    private long legs;

    /// <summary>Every settlement answered, by id (warm-ups, census and steps included: the check covers them all).</summary>
    public ConcurrentDictionary<string, SettlementAnswer> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>Ledger legs posted by the settlements answered so far (the own leg of an employee-insured member always; the
    /// family leg when the own account did not cover the bill).</summary>
    public long Legs => Interlocked.Read(ref legs);

    /// <summary>The one family of the hot phases: one authorizer, <c>concurrency</c> members.</summary>
    public IReadOnlyList<Payer> OneFamily { get; private set; } = [];

    /// <summary>One member in each of the families.</summary>
    public IReadOnlyList<Payer> Spread { get; private set; } = [];

    /// <summary>Registers the authorizers (employee-insured, <see cref="AuthorizerFen"/>) and members (employee-insured,
    /// <see cref="MemberFen"/>), and activates a sharing relationship (guangdong, child) between each member and their
    /// authorizer. Family 0 has <paramref name="hotMembers"/> members, the others one each.</summary>
    public async Task Prepare(int families, int hotMembers, int concurrency)
    {
        var authorizers = await people.Insured(families, "employee", new DateOnly(1970, 1, 1), concurrency, AuthorizerFen);
        var members = await people.Insured(families + hotMembers - 1, "employee", new DateOnly(2003, 1, 1), concurrency, MemberFen);
        var relationships = services.GetRequiredService<RelationshipStore>();
        var pairs = Enumerable.Range(0, members.Count).Select(i => (Authorizer: authorizers[i < families ? i : 0], Member: members[i])).ToList();
        var made = new Payer[pairs.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < pairs.Count; i = Interlocked.Increment(ref next))
            {
                var (authorizer, member) = pairs[i];
                var id = Ids.New(clock);
                await relationships.Activate(
                    new ActivateRelationship(id, authorizer.Id, member.Id, BindingKind.Sharing, Relation.Child, "guangdong", clock.GetUtcNow()),
                    CancellationToken.None);
                made[i] = new Payer(member, authorizer.Id, id, app.As(member.Id));
            }
        })));
        Spread = made[..families];
        OneFamily = [made[0], .. made[families..]];
    }

    /// <summary>Issues <paramref name="count"/> codes through <c>POST /api/payment-codes</c> (not timed), spread evenly over
    /// <paramref name="payers"/>, in turn or (<paramref name="shuffle"/>) in no particular order.</summary>
    public static async Task<ConcurrentQueue<Code>> Codes(IReadOnlyList<Payer> payers, int count, int concurrency, bool shuffle)
    {
        var codes = new Code[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                codes[i] = await Issue(payers[i % payers.Count]);
            }
        })));
        if (shuffle)
        {
            Random.Shared.Shuffle(codes);
        }

        return new ConcurrentQueue<Code>(codes);
    }

    private static async Task<Code> Issue(Payer payer)
    {
        var body = await Expect(await payer.Client.PostAsync("/api/payment-codes", null), HttpStatusCode.Created, "issue payment code");
        var relationship = body["relationshipId"]?.GetValue<string>();
        if (relationship != payer.RelationshipId)
        {
            throw new InvalidOperationException($"The code was bound to relationship {relationship}, not {payer.RelationshipId}.");
        }

        return new Code(payer, body["code"]!.GetValue<string>());
    }

    /// <summary>Settles one bill per code while <paramref name="go"/> says so and codes are left; each settlement timed, and
    /// its storage requests counted under <paramref name="tag"/> when <paramref name="calls"/> is given.</summary>
    public async Task Loop(PhaseResult result, Func<bool> go, ConcurrentQueue<Code> codes, bool http, Action exhausted, StorageCalls? calls = null, string tag = "")
    {
        while (go())
        {
            if (!codes.TryDequeue(out var code))
            {
                exhausted();
                return;
            }

            try
            {
                calls?.Begin(tag);
                await result.Time(Step, () => http ? Http(code, Bill()) : Direct(code, Bill()));
            }
            catch (Exception)
            {
                // Recorded by the phase; on with the next code.
            }
            finally
            {
                StorageCalls.End();
            }
        }
    }

    /// <summary>One settlement each way, a code issued first, their storage requests counted (see <see cref="StorageCalls"/>):
    /// a bill of 50 yuan from a member who has not paid yet, so that both accounts pay (own 20, family 30).</summary>
    public async Task Census(StorageCalls calls, Payer forHttp, Payer forServices)
    {
        calls.Begin("POST /payment-codes");
        var code = await Issue(forHttp);
        StorageCalls.End();
        var other = await Issue(forServices);
        calls.Begin("POST /settlements");
        var answer = await Http(code, 5_000);
        calls.Begin("services: settlement");
        var direct = await Direct(other, 5_000);
        StorageCalls.End();
        foreach (var a in new[] { answer, direct })
        {
            if (a.OwnFen != MemberFen || a.FamilyFen != 5_000 - MemberFen)
            {
                throw new InvalidOperationException($"Census settlement {a.Id} split {a.OwnFen}/{a.FamilyFen}/{a.CashFen}; expected both accounts to pay.");
            }
        }
    }

    /// <summary>Settlements through the services one at a time, each step timed as <c>MovementRunner.Run</c> takes them
    /// (the legs posted here straight through <see cref="AccountLedger.Post"/>, as the runner does for open accounts).
    /// Before each, untimed as part of it, two probes of the family account: the point read of the balance row that
    /// <see cref="AccountLedger.Post"/> makes, and the query it made before (the balance row or the posting's key row),
    /// kept to show why it changed.</summary>
    public async Task Steps(PhaseResult result, Func<bool> go, ConcurrentQueue<Code> codes)
    {
        var ct = CancellationToken.None;
        while (go() && codes.TryDequeue(out var code))
        {
            var family = AccountId.Personal(code.Payer.AuthorizerId).Value;
            var unused = Keys.PostingKey($"{Ids.New(clock)}/{Settlement.FamilyLeg}");
            await result.Time("probe: former read (query balance or key row)", async () =>
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {family} and (RowKey eq {Keys.Balance} or RowKey eq {unused})");
                await foreach (var _ in accounts.QueryAsync<TableEntity>(filter, cancellationToken: ct))
                {
                    // Read as the ledger reads.
                }
            }, counted: false);
            await result.Time("probe: the ledger's read (balance point read)", () => accounts.GetEntityIfExistsAsync<TableEntity>(family, Keys.Balance, cancellationToken: ct), counted: false);
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var id = Ids.New(clock);
            var bill = Bill();
            var category = Category(bill);
            var (plan, refusal) = await result.Time("plan: code, payer, relationship; use code", () => payers.Plan(id, Clinic, code.Value, category, bill, ct), counted: false);
            if (plan is null)
            {
                result.Fail($"plan refused: {refusal}");
                continue;
            }

            var (stored, mark) = await result.Time("begin: pending mark holding the plan", () => movements.Begin(id, Settlement.Start(plan), ct), counted: false);
            var state = stored.State;
            while (state.NextLeg() is { } leg)
            {
                var posted = await result.Time($"post {leg.Name} leg", () => ledger.Post(leg.Account.Value, leg.Posting, ct), counted: false);
                state = state.Record(leg, posted.AppliedFen);
            }

            state = state.Finish();
            if (await result.Time("save state", () => movements.Save(id, state, stored.ETag, ct), counted: false) is null)
            {
                result.Fail($"settlement {id}: its state changed under the driver");
                continue;
            }

            await result.Time("reconciliation line", () => ends.Reached(state, ct), counted: false);
            await result.Time("clear pending", () => movements.ClearPending(id, mark, ct), counted: false);
            result.Record("whole settlement", System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            Keep(id, code.Payer, bill, state.Split, state.Status);
            result.Done();
        }
    }

    /// <summary><c>POST /api/settlements</c> as the institution's cashier, with a fresh Idempotency-Key.</summary>
    private async Task<SettlementAnswer> Http(Code code, long bill)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/settlements")
        {
            Content = JsonContent.Create(new { paymentCode = code.Value, category = Wire(Category(bill)), amountFen = bill }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var body = await Expect(await cashier.SendAsync(request), HttpStatusCode.Created, "settle");
        return Keep(
            body["id"]!.GetValue<string>(), code.Payer, bill,
            new SettlementSplit(body["ownAccountFen"]!.GetValue<long>(), body["familyAccountFen"]!.GetValue<long>(), body["cashFen"]!.GetValue<long>()),
            body["status"]?.GetValue<string>() ?? "?");
    }

    /// <summary>A settlement as <c>CreateSettlement</c> makes one inside its idempotent block, without the HTTP request,
    /// the idempotency record: plan (and use the code), begin (the pending mark holding the plan), run it.</summary>
    private async Task<SettlementAnswer> Direct(Code code, long bill)
    {
        var ct = CancellationToken.None;
        var id = Ids.New(clock);
        var (plan, refusal) = await payers.Plan(id, Clinic, code.Value, Category(bill), bill, ct);
        if (plan is null)
        {
            throw new InvalidOperationException($"Settlement refused: {refusal}.");
        }

        var (begun, mark) = await movements.Begin(id, Settlement.Start(plan), ct);
        var done = await runner.Run(begun, actor: null, mark, ct);
        return Keep(id, code.Payer, bill, done.Split, done.Status);
    }

    private SettlementAnswer Keep(string id, Payer payer, long bill, SettlementSplit split, SettlementStatus status) =>
        Keep(id, payer, bill, split, Wire(status));

    private SettlementAnswer Keep(string id, Payer payer, long bill, SettlementSplit split, string status)
    {
        var answer = new SettlementAnswer(id, payer.Member.Id, payer.AuthorizerId, bill, split.OwnAccountFen, split.FamilyAccountFen, split.CashFen, status);
        if (!Answers.TryAdd(id, answer))
        {
            throw new InvalidOperationException($"Settlement id {id} answered twice.");
        }

        Interlocked.Add(ref legs, bill > split.OwnAccountFen ? 2 : 1);

        return answer;
    }

    private static long Bill() => Random.Shared.Next(BillMinFen, BillMaxFen + 1);

    // Outpatient and pharmacy bills, alternately by amount.
    private static SpendingCategory Category(long bill) => bill % 2 == 0 ? SpendingCategory.Outpatient : SpendingCategory.Pharmacy;

    private static string Wire<T>(T value)
        where T : struct, Enum =>
        System.Text.Json.JsonSerializer.Serialize(value, FamilyAid.Functions.Http.Json.Options).Trim('"');

    internal static async Task<JsonNode> Expect(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != status)
            {
                throw new InvalidOperationException($"{what}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
            }

            return JsonNode.Parse(text) ?? new JsonObject();
        }
    }
}
