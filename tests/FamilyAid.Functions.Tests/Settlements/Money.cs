using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Relationships;
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
    public static Task<HttpResponseMessage> Post(HttpClient institution, string body, string? key)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/settlements") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (key is not null)
        {
            Assert.True(message.Headers.TryAddWithoutValidation("Idempotency-Key", key));
        }

        return institution.SendAsync(message);
    }

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
    public static async Task<string> Code(FamilyAidApp app, Person person, string? relationshipId = null)
    {
        var response = relationshipId is null
            ? await app.As(person.Id).PostAsync("/api/payment-codes", null)
            : await app.As(person.Id).PostAsJsonAsync("/api/payment-codes", new { relationshipId });
        await Api.Expect(response, HttpStatusCode.Created);
        var body = await Api.Json(response);
        if (relationshipId is not null)
        {
            Assert.Equal(relationshipId, body["relationshipId"]!.GetValue<string>());
        }

        return body["code"]!.GetValue<string>();
    }

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
    public static Task<string> BindGuangdong(FamilyAidApp app, Person authorizer, Person member, string kind = "sharing", string relation = "child") =>
        Bind(app, authorizer, member, kind, "guangdong", relation);

    /// <summary>A gansu binding (commitment confirmed in the app, no review; a face check when 16 or older).</summary>
    public static Task<string> BindGansu(FamilyAidApp app, Person authorizer, Person member, string kind = "sharing", string relation = "sibling") =>
        Bind(app, authorizer, member, kind, "gansu", relation);

    private static async Task<string> Bind(FamilyAidApp app, Person authorizer, Person member, string kind, string region, string relation)
    {
        var client = app.As(authorizer.Id);
        var create = await client.PostAsJsonAsync("/api/bindings", Api.BindingBody(member, kind, region, relation, commitmentConfirmed: region == "gansu"));
        await Api.Expect(create, HttpStatusCode.Created);
        var created = await Api.Json(create);
        var id = created["id"]!.GetValue<string>();
        foreach (var type in created["requiredDocuments"]!.AsArray().Select(d => d!.GetValue<string>()))
        {
            await Api.Expect(await Api.Upload(client, id, type, Api.Jpeg()), HttpStatusCode.Created);
        }

        var submit = await client.PostAsync($"/api/bindings/{id}/submit", null);
        await Api.Expect(submit, HttpStatusCode.Accepted);
        var status = (await Api.Json(submit))["status"]!.GetValue<string>();
        if (status == "in-review")
        {
            var decision = await app.Reviewer(region).PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve", reason = "户口本 matches" });
            await Api.Expect(decision, HttpStatusCode.OK);
            status = (await Api.Json(decision))["status"]!.GetValue<string>();
        }

        await FaceCheckIfAsked(app, member, id, status);
        await Active(app, authorizer, member, id);
        return id;
    }

    private static async Task FaceCheckIfAsked(FamilyAidApp app, Person member, string bindingId, string status)
    {
        if (status == "awaiting-face-check")
        {
            var start = await app.As(member.Id).PostAsJsonAsync($"/api/bindings/{bindingId}/face-check", new { consent = true });
            await Api.Expect(start, HttpStatusCode.Created);
            var callback = await Api.FaceCheckCallback(app, (await Api.Json(start))["sessionId"]!.GetValue<string>(), "pass", 0.97);
            await Api.Expect(callback, HttpStatusCode.OK);
            status = (await Api.Json(callback))["status"]!.GetValue<string>();
        }

        Assert.Equal("approved", status);
    }

    /// <summary>Waits until the relationship an approved request grants is active on both sides (activation is an
    /// effect that may land after the answer).</summary>
    private static Task Active(FamilyAidApp app, Person authorizer, Person member, string relationshipId)
    {
        var store = app.Services.GetRequiredService<RelationshipStore>();
        return Api.Eventually(
            async () => await store.Find(member.Id, relationshipId, CancellationToken.None) is not null
                        && await store.Find(authorizer.Id, relationshipId, CancellationToken.None) is not null,
            $"relationship {relationshipId} to be active");
    }

    /// <summary>The authorizer moves money into the gansu family pool.</summary>
    public static async Task<string> Transfer(FamilyAidApp app, Person authorizer, long amountFen, string? key = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/transfers") { Content = JsonContent.Create(new { amountFen }) };
        message.Headers.Add("Idempotency-Key", key ?? NewKey());
        var response = await app.As(authorizer.Id).SendAsync(message);
        await Api.Expect(response, HttpStatusCode.Created);
        return (await Api.Json(response))["id"]!.GetValue<string>();
    }

    /// <summary>Sends a transfer and returns the raw answer.</summary>
    public static Task<HttpResponseMessage> PostTransfer(FamilyAidApp app, Person authorizer, long amountFen, string key)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/transfers") { Content = JsonContent.Create(new { amountFen }) };
        message.Headers.Add("Idempotency-Key", key);
        return app.As(authorizer.Id).SendAsync(message);
    }

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
