using System.Text.Json;
using System.Text.Json.Nodes;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Tests.Bindings;
using FamilyAid.Functions.Tests.Families;
using FamilyAid.Functions.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Settlements;

/// <summary>A settlement answer: how one bill was split.</summary>
public sealed record Split(string Id, string Status, long Own, long Family, long Cash)
{
    public long Total => Own + Family + Cash;
}

/// <summary>One line of a statement (<c>GET /api/accounts/mine/entries</c>).</summary>
public sealed record Line(long Sequence, long AmountFen, long BalanceAfterFen, string Reason, string? Reference);

/// <summary>A statement: the balance and the lines, newest first.</summary>
public sealed record Statement(long BalanceFen, IReadOnlyList<Line> Lines);

/// <summary>Steps of the money tests: families bound through the real workflow, payment codes, settlements, refunds,
/// statements, and the ledger's own view of an account.</summary>
public static class Money
{
    /// <summary>A new institution id, so that tests never share idempotency scopes or settlements.</summary>
    public static string NewInstitution() => "hosp-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A client for an institution (role <c>institution</c> with its <c>institution</c> claim).</summary>
    public static HttpClient Institution(FamilyAidApp app, string institution) =>
        app.As($"{institution}-cashier", "institution", institution: institution);

    public static string NewKey() => "k-" + Guid.NewGuid().ToString("N");

    /// <summary>The exact JSON body of a settlement request.</summary>
    public static string Body(string code, long amountFen, string category = "outpatient") =>
        JsonSerializer.Serialize(new { paymentCode = code, category, amountFen }, Api.JsonOptions);

    /// <summary><c>POST /api/settlements</c> with this body and key (no header when <paramref name="key"/> is null).</summary>
    public static Task<HttpResponseMessage> Post(HttpClient institution, string body, string? key) =>
        Send.Json(institution, "/api/settlements", body, key);

    /// <summary>Settles a bill under a fresh key.</summary>
    public static Task<HttpResponseMessage> Settle(HttpClient institution, string code, long amountFen, string category = "outpatient", string? key = null) =>
        Post(institution, Body(code, amountFen, category), key ?? NewKey());

    /// <summary>The split of a 201 answer.</summary>
    public static async Task<Split> Created(HttpResponseMessage response)
    {
        await Api.Expect(response, HttpStatusCode.Created);
        return Read(await Api.Json(response));
    }

    public static Split Read(JsonNode body) => new(
        body["id"]!.GetValue<string>(),
        body["status"]!.GetValue<string>(),
        body["ownAccountFen"]!.GetValue<long>(),
        body["familyAccountFen"]!.GetValue<long>(),
        body["cashFen"]!.GetValue<long>());

    /// <summary>Settles and expects 201.</summary>
    public static async Task<Split> Pay(HttpClient institution, string code, long amountFen, string category = "outpatient") =>
        await Created(await Settle(institution, code, amountFen, category));

    /// <summary><c>POST /api/settlements/{id}/refund</c>.</summary>
    public static Task<HttpResponseMessage> Refund(HttpClient institution, string settlementId) =>
        institution.PostAsync($"/api/settlements/{Uri.EscapeDataString(settlementId)}/refund", null);

    /// <summary>A payment code for <paramref name="person"/> (their default relationship unless one is named).</summary>
    public static Task<string> Code(FamilyAidApp app, Person person, string? relationshipId = null) =>
        FamilySteps.PaymentCode(app, person.Id, relationshipId);

    /// <summary>The person's statement as they see it (<c>account</c>: null = personal, or "pool").</summary>
    public static async Task<Statement> StatementOf(FamilyAidApp app, Person person, string? account = null)
    {
        var response = await app.As(person.Id).GetAsync($"/api/accounts/mine/entries?take=200{(account is null ? "" : "&account=" + account)}");
        await Api.Expect(response, HttpStatusCode.OK);
        var page = await Api.Json(response);
        Assert.Null(page["nextBefore"]);
        var lines = page["entries"]!.AsArray().Select(e => new Line(
            e!["sequence"]!.GetValue<long>(), e["amountFen"]!.GetValue<long>(), e["balanceAfterFen"]!.GetValue<long>(),
            e["reason"]!.GetValue<string>(), e["reference"]?.GetValue<string>())).ToList();
        return new Statement(page["balanceFen"]!.GetValue<long>(), lines);
    }

    /// <summary>The balance of an account as the ledger holds it (opening and current).</summary>
    public static async Task<(long OpeningFen, long BalanceFen)> Ledger(FamilyAidApp app, AccountId account) =>
        (await app.Services.GetRequiredService<AccountLedger>().Balance(account.Value, CancellationToken.None))
        ?? throw new InvalidOperationException($"Account {account} is not open.");

    /// <summary>Every entry of an account, newest first, straight from the ledger.</summary>
    public static async Task<IReadOnlyList<LedgerEntry>> Entries(FamilyAidApp app, AccountId account) =>
        await app.Services.GetRequiredService<AccountLedger>().Entries(account.Value, 5000, CancellationToken.None);

    /// <summary>The ledger's invariant for one account: opening + sum of entries = balance, never negative, entries
    /// numbered 1..n without gaps.</summary>
    public static async Task AssertConsistent(FamilyAidApp app, AccountId account)
    {
        var (opening, balance) = await Ledger(app, account);
        var entries = await Entries(app, account);
        Assert.Equal(balance, opening + entries.Sum(e => e.AmountFen));
        Assert.True(balance >= 0, $"{account} is negative: {balance}");
        Assert.All(entries, e => Assert.True(e.BalanceAfterFen >= 0, $"{account} went negative at entry {e.Sequence}"));
        Assert.Equal(Enumerable.Range(1, entries.Count).Reverse().Select(i => (long)i), entries.Select(e => e.Sequence));
    }

    /// <summary>A guangdong binding (the documents the request asks for, agency review when the request needs it, then
    /// the member's face check when 16 or older), waited for until the relationship is active; returns its id.</summary>
    public static async Task<string> BindGuangdong(FamilyAidApp app, Person authorizer, Person member, string kind = "sharing", string relation = "child") =>
        (await FamilySteps.Bind(app, authorizer, member, "guangdong", kind, relation)).RelationshipId;

    /// <summary>A gansu binding (commitment confirmed in the app, no review; a face check when 16 or older).</summary>
    public static async Task<string> BindGansu(FamilyAidApp app, Person authorizer, Person member, string kind = "sharing", string relation = "sibling") =>
        (await FamilySteps.Bind(app, authorizer, member, "gansu", kind, relation)).RelationshipId;

    /// <summary>The authorizer moves money into the gansu family pool; returns the transfer's id.</summary>
    public static Task<string> Transfer(FamilyAidApp app, Person authorizer, long amountFen) =>
        FamilySteps.Transferred(app, authorizer.Id, amountFen);

    /// <summary>Sends a transfer and returns the raw answer.</summary>
    public static Task<HttpResponseMessage> PostTransfer(FamilyAidApp app, Person authorizer, long amountFen, string key) =>
        FamilySteps.Transfer(app, authorizer.Id, amountFen, key);

    /// <summary>The audit trail of a subject, newest first, as an admin reads it.</summary>
    public static async Task<List<JsonNode>> Audit(FamilyAidApp app, string subject)
    {
        var response = await app.Admin().GetAsync($"/api/admin/audit?subject={Uri.EscapeDataString(subject)}");
        await Api.Expect(response, HttpStatusCode.OK);
        return (await Api.Json(response)).AsArray().Select(e => e!).ToList();
    }

    /// <summary>Runs one timer function of the app, as its schedule would.</summary>
    public static Task RunTimer(FamilyAidApp app, string name) =>
        app.Services.GetRequiredService<IEnumerable<ITimerFunction>>().Single(f => f.Name == name).Run(CancellationToken.None);
}
