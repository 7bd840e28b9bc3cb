using System.Globalization;
using System.Text.Json.Nodes;
using FamilyAid.Domain.Identity;
using FamilyAid.Functions.Tests.Settlements;

namespace FamilyAid.Functions.Tests.Reconciliation;

/// <summary><c>GET /api/institutions/me/reconciliation?date=</c> (对账): an institution's settlements and refunds of one
/// China day, with totals per category and per kind of payer account; another institution's never; China midnight is the
/// boundary. Its own app, because the test moves the clock.</summary>
public sealed class ReconciliationTests(PrivateApp app) : IClassFixture<PrivateApp>
{
    /// <summary>Count, bill, own account, family account, quota, cash.</summary>
    private sealed record Totals(int Count, long Amount, long Own, long Family, long Quota, long Cash)
    {
        public static Totals Of(JsonNode t) => new(
            t["count"]!.GetValue<int>(), t["amountFen"]!.GetValue<long>(), t["ownAccountFen"]!.GetValue<long>(),
            t["familyAccountFen"]!.GetValue<long>(), t["quotaFen"]!.GetValue<long>(), t["cashFen"]!.GetValue<long>());
    }

    private static readonly Totals None = new(0, 0, 0, 0, 0, 0);

    [Fact]
    public async Task A_day_holds_the_institutions_own_settlements_and_refunds_of_that_China_day_with_their_totals()
    {
        // Given a guangdong family: the member's own account holds 30 yuan, the authorizer's 200 yuan
        var authorizer = await Api.Insured(app, personalAccountFen: 20_000);
        var member = await Api.Insured(app, personalAccountFen: 3_000);
        await Money.BindGuangdong(app, authorizer, member);
        var (one, other) = (Money.NewInstitution(), Money.NewInstitution());
        var (hospital, elsewhere) = (Money.Institution(app, one), Money.Institution(app, other));

        // And on a China day the hospital settles 100 yuan of outpatient care (own 30, family 70), another institution 20
        // yuan of medicines, and at 23:59:59 China time the hospital 50 yuan of inpatient care (family 50)
        var today = NextChinaDay();
        var (day1, day2) = (Text(today), Text(today.AddDays(1)));
        var midnight = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), Age.ChinaOffset);
        var first = await Money.Pay(hospital, await Money.Code(app, member), 10_000, "outpatient");
        var theirs = await Money.Pay(elsewhere, await Money.Code(app, member), 2_000, "pharmacy");
        app.Clock.SetUtcNow(midnight.AddSeconds(-1));
        var lastOfDay = await Money.Pay(hospital, await Money.Code(app, member), 5_000, "inpatient");

        // And one second later, at China midnight, it settles 80 yuan of medicines (family 60, cash 20) and refunds the first bill
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var nextDay = await Money.Pay(hospital, await Money.Code(app, member), 8_000, "pharmacy");
        await Api.Expect(await Money.Refund(hospital, first.Id), HttpStatusCode.OK);
        Assert.Equal((3_000L, 7_000L, 0L, 0L, 5_000L, 6_000L, 2_000L), (first.Own, first.Family, lastOfDay.Own, theirs.Own, lastOfDay.Family, nextDay.Family, nextDay.Cash));

        // When the hospital reads that day
        var day = await Read(hospital, day1);

        // Then it sees its two settlements of that day only, and their totals by kind of account and by category
        Assert.Equal([first.Id, lastOfDay.Id], Ids(day));
        Assert.Equal(new Totals(2, 15_000, 3_000, 12_000, 0, 0), Totals.Of(day["settlements"]!));
        Assert.Equal(None, Totals.Of(day["refunds"]!));
        Assert.Equal(
            [("outpatient", new Totals(1, 10_000, 3_000, 7_000, 0, 0), None), ("inpatient", new Totals(1, 5_000, 0, 5_000, 0, 0), None)],
            ByCategory(day));
        Assert.Equal((one, day1), (day["institutionId"]!.GetValue<string>(), day["date"]!.GetValue<string>()));
        Assert.Null(day["continuationToken"]);

        // When it reads the next China day
        var after = await Read(hospital, day2);

        // Then the bill settled at midnight and the refund are there: the refund gives back exactly what the first bill took
        Assert.Equal([("refund", first.Id), ("settlement", nextDay.Id)], after["items"]!.AsArray().Select(i => (i!["kind"]!.GetValue<string>(), i["settlementId"]!.GetValue<string>())));
        Assert.Equal(new Totals(1, 8_000, 0, 6_000, 0, 2_000), Totals.Of(after["settlements"]!));
        Assert.Equal(new Totals(1, 10_000, 3_000, 7_000, 0, 0), Totals.Of(after["refunds"]!));

        // And the other institution sees only its own bill
        var elsewhereDay = await Read(elsewhere, day1);
        Assert.Equal([theirs.Id], Ids(elsewhereDay));
        Assert.Equal(new Totals(1, 2_000, 0, 2_000, 0, 0), Totals.Of(elsewhereDay["settlements"]!));
        Assert.Empty((await Read(elsewhere, day2))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_day_reads_a_page_at_a_time_with_the_whole_days_totals_on_every_page()
    {
        // Given three bills settled by one hospital on one day
        var authorizer = await Api.Insured(app, personalAccountFen: 100_000);
        var member = await Api.Insured(app, personalAccountFen: 0);
        await Money.BindGuangdong(app, authorizer, member);
        var hospital = Money.Institution(app, Money.NewInstitution());
        var day = Text(NextChinaDay());
        var settled = new List<string>();
        foreach (var bill in new[] { 1_000L, 2_000, 3_000 })
        {
            settled.Add((await Money.Pay(hospital, await Money.Code(app, member), bill)).Id);
        }

        // When it reads the day two lines at a time
        var page1 = await Read(hospital, $"{day}&take=2");
        var token = page1["continuationToken"]!.GetValue<string>();
        var page2 = await Read(hospital, $"{day}&take=2&continuationToken={Uri.EscapeDataString(token)}");

        // Then the pages hold every line once, the last page says there is no more, and both carry the whole day's totals
        // (in the order of their ids: made in the same millisecond of the test's clock, their ids' random part orders them)
        Assert.Equal(settled.Order(StringComparer.Ordinal), Ids(page1).Concat(Ids(page2)));
        Assert.Null(page2["continuationToken"]);
        Assert.All(new[] { page1, page2 }, p => Assert.Equal(new Totals(3, 6_000, 0, 6_000, 0, 0), Totals.Of(p["settlements"]!)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?date=20261124")]
    [InlineData("?date=2026-11-31")]
    [InlineData("?date=2026-11-24T00:00:00")]
    [InlineData("?date=2026-11-24&take=0")]
    [InlineData("?date=2026-11-24&continuationToken=x%27%20or%20true")]
    public async Task A_bad_date_page_size_or_token_is_a_400_naming_the_field(string query)
    {
        // Given a designated hospital
        var hospital = Money.Institution(app, Money.NewInstitution());

        // When it asks with a malformed query
        var response = await hospital.GetAsync($"/api/institutions/me/reconciliation{query}");

        // Then 400 invalid-request, naming the field
        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal(query.Contains("take") ? "take" : query.Contains("continuation") ? "continuationToken" : "date", problem["field"]!.GetValue<string>());
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // 10:00 on the next China day: the clock only moves forward, whichever test of the class ran before.
    private DateOnly NextChinaDay()
    {
        var next = Age.ChinaDate(app.Clock.GetUtcNow()).AddDays(1);
        app.Clock.SetUtcNow(new DateTimeOffset(next.ToDateTime(new TimeOnly(10, 0)), Age.ChinaOffset));
        return next;
    }

    private static async Task<JsonNode> Read(HttpClient institution, string date)
    {
        var response = await institution.GetAsync($"/api/institutions/me/reconciliation?date={date}");
        await Api.Expect(response, HttpStatusCode.OK);
        return await Api.Json(response);
    }

    private static IEnumerable<string> Ids(JsonNode day) => day["items"]!.AsArray().Select(i => i!["settlementId"]!.GetValue<string>());

    private static IEnumerable<(string, Totals, Totals)> ByCategory(JsonNode day) =>
        day["byCategory"]!.AsArray().Select(c => (c!["category"]!.GetValue<string>(), Totals.Of(c["settlements"]!), Totals.Of(c["refunds"]!)));
}
