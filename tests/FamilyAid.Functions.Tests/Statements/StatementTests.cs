using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using FamilyAid.Functions.Tests.Bindings;
using FamilyAid.Functions.Tests.Families;

namespace FamilyAid.Functions.Tests.Statements;

/// <summary><c>GET /api/accounts/mine/entries</c>: the caller's statement, newest first, a page at a time.</summary>
[Collection(AppCollection.Name)]
public sealed class StatementTests(FamilyAidApp app)
{
    private async Task<JsonNode> Page(string personId, string query = "")
    {
        var response = await app.As(personId).GetAsync($"/api/accounts/mine/entries{query}");
        await Api.Expect(response, HttpStatusCode.OK);
        return await Api.Json(response);
    }

    private static List<JsonNode> Entries(JsonNode page) => page["entries"]!.AsArray().Select(e => e!).ToList();

    private static long Long(JsonNode node, string name) => node[name]!.GetValue<long>();

    /// <summary>A gansu authorizer with <paramref name="openingFen"/> who has made transfers of these amounts, in order.</summary>
    private async Task<Family> AfterTransfers(long openingFen, params long[] amounts)
    {
        var family = await FamilySteps.New(app, "gansu", accountFen: openingFen);
        foreach (var amount in amounts)
        {
            await FamilySteps.Transferred(app, family.Authorizer.Id, amount);
        }

        return family;
    }

    [Fact]
    public async Task A_new_account_has_its_opening_balance_and_no_entries()
    {
        // Given a person the platform registered with 12 345 fen
        var person = await Api.Insured(app, personalAccountFen: 12_345);

        // When they read their statement
        var page = await Page(person.Id);

        // Then it is their personal account, holding the opening balance, with nothing on it and nothing older
        Assert.Equal("personal", page["account"]!.GetValue<string>());
        Assert.Equal(12_345, Long(page, "balanceFen"));
        Assert.Empty(Entries(page));
        Assert.Null(page["nextBefore"]);
    }

    [Fact]
    public async Task Entries_are_newest_first_and_the_balance_is_the_opening_plus_their_sum()
    {
        // Given an authorizer with 100 000 fen who transferred 1 000, 2 000 and 3 000
        var family = await AfterTransfers(100_000, 1_000, 2_000, 3_000);

        // When they read their statement
        var page = await Page(family.Authorizer.Id);

        // Then the newest comes first, each line carries the balance after it, and the lines add up
        var entries = Entries(page);
        Assert.Equal([-3_000L, -2_000L, -1_000L], entries.Select(e => Long(e, "amountFen")));
        Assert.Equal([3L, 2L, 1L], entries.Select(e => Long(e, "sequence")));
        Assert.Equal([94_000L, 97_000L, 99_000L], entries.Select(e => Long(e, "balanceAfterFen")));
        Assert.All(entries, e => Assert.Equal("transfer-out", e["reason"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal(app.Clock.GetUtcNow(), e["at"]!.GetValue<DateTimeOffset>()));
        Assert.Equal(100_000 + entries.Sum(e => Long(e, "amountFen")), Long(page, "balanceFen"));
        Assert.Equal(Long(entries[0], "balanceAfterFen"), Long(page, "balanceFen"));
        Assert.Null(page["nextBefore"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Paging_with_take_and_before_walks_every_entry_exactly_once(int take)
    {
        // Given an authorizer with seven entries on their account
        var amounts = new long[] { 100, 200, 300, 400, 500, 600, 700 };
        var family = await AfterTransfers(100_000, amounts);

        // When they read page after page, each from the previous page's nextBefore
        var seen = new List<JsonNode>();
        var pages = 0;
        long? before = null;
        do
        {
            var page = await Page(family.Authorizer.Id, $"?take={take}" + (before is { } b ? $"&before={b}" : ""));
            var entries = Entries(page);
            pages++;
            Assert.InRange(entries.Count, 1, take);
            seen.AddRange(entries);
            before = page["nextBefore"]?.GetValue<long>();
            if (before is not null)
            {
                // A full page names its last (oldest) line as where the next one starts.
                Assert.Equal(take, entries.Count);
                Assert.Equal(Long(entries[^1], "sequence"), before);
            }

            Assert.True(pages <= amounts.Length, "The pages never end.");
        }
        while (before is not null);

        // Then every entry came exactly once, newest first, and the last page said there was no more
        Assert.Equal((amounts.Length + take - 1) / take, pages);
        Assert.Equal(Enumerable.Range(1, amounts.Length).Reverse().Select(i => (long)i), seen.Select(e => Long(e, "sequence")));
        Assert.Equal(Enumerable.Reverse(amounts).Select(a => -a), seen.Select(e => Long(e, "amountFen")));
    }

    [Fact]
    public async Task Without_take_a_page_holds_up_to_fifty_entries()
    {
        // Given an authorizer with three entries
        var family = await AfterTransfers(100_000, 1, 2, 3);

        // When they ask without take, and with before past the newest
        var all = await Page(family.Authorizer.Id);
        var fromFar = await Page(family.Authorizer.Id, "?before=1000000");
        var olderThanTwo = await Page(family.Authorizer.Id, "?before=2");

        // Then they get all of them; before is exclusive
        Assert.Equal(3, Entries(all).Count);
        Assert.Equal(3, Entries(fromFar).Count);
        Assert.Equal([1L], Entries(olderThanTwo).Select(e => Long(e, "sequence")));
        Assert.Null(olderThanTwo["nextBefore"]);
    }

    [Fact]
    public async Task The_pool_statement_lists_the_transfers_in()
    {
        // Given an authorizer who transferred 1 000 and 2 500 fen
        var family = await AfterTransfers(100_000, 1_000, 2_500);

        // When they read the pool's statement
        var page = await Page(family.Authorizer.Id, "?account=pool");

        // Then it shows both credits, newest first, and their sum as balance
        Assert.Equal("pool", page["account"]!.GetValue<string>());
        Assert.Equal([2_500L, 1_000L], Entries(page).Select(e => Long(e, "amountFen")));
        Assert.All(Entries(page), e => Assert.Equal("transfer-in", e["reason"]!.GetValue<string>()));
        Assert.Equal(3_500, Long(page, "balanceFen"));
    }

    [Fact]
    public async Task A_pool_authorizer_who_never_transferred_sees_an_empty_pool_and_a_direct_region_authorizer_has_none()
    {
        // Given a gansu (pool) authorizer and a direct-region authorizer, neither of whom ever transferred
        var pooled = await FamilySteps.New(app, "gansu");
        var direct = await FamilySteps.New(app, "guangdong");

        // When each reads their pool's statement
        var page = await Page(pooled.Authorizer.Id, "?account=pool");
        var none = await app.As(direct.Authorizer.Id).GetAsync("/api/accounts/mine/entries?account=pool");

        // Then the pool is there, empty; the direct region keeps no pool
        Assert.Equal(0, Long(page, "balanceFen"));
        Assert.Empty(Entries(page));
        Assert.Null(page["nextBefore"]);
        await Api.ExpectProblem(none, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_member_does_not_see_the_authorizer_s_entries_as_their_own()
    {
        // Given a gansu member (an adult employee, bound after a face check, with an account of their own) whose authorizer transferred into the pool
        var authorizer = await FamilySteps.Authorizer(app, "gansu", 100_000);
        var member = await Api.Insured(app, region: "gansu", insuranceType: "employee", personalAccountFen: 7_000);
        await FamilySteps.Bind(app, authorizer, member, "gansu");
        await FamilySteps.Transferred(app, authorizer.Id, 5_000);

        // When the member reads their own statement and asks for "their" pool
        var own = await Page(member.Id);
        var pool = await app.As(member.Id).GetAsync("/api/accounts/mine/entries?account=pool");

        // Then their account is untouched, and they fund no pool
        Assert.Equal(7_000, Long(own, "balanceFen"));
        Assert.Empty(Entries(own));
        await Api.ExpectProblem(pool, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("?take=0", "take")]
    [InlineData("?take=201", "take")]
    [InlineData("?take=-1", "take")]
    [InlineData("?before=0", "before")]
    [InlineData("?before=-5", "before")]
    [InlineData("?account=savings", "account")]
    [InlineData("?account=POOL", "account")]
    public async Task A_bad_query_value_is_400_naming_it(string query, string field)
    {
        // Given a person with an account
        var person = await Api.Insured(app);

        // When they ask with a value out of range
        var response = await app.As(person.Id).GetAsync($"/api/accounts/mine/entries{query}");

        // Then the value is named
        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal(field, problem["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?take=abc")]
    [InlineData("?before=x")]
    [InlineData("?take=99999999999")]
    public async Task A_query_value_that_is_not_a_number_is_400(string query)
    {
        // Given a person with an account
        var person = await Api.Insured(app);

        // When a number is not a number
        var response = await app.As(person.Id).GetAsync($"/api/accounts/mine/entries{query}");

        // Then it is a 400 problem, not a failure
        await Api.Expect(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_caller_with_no_insured_record_gets_404()
    {
        // Given an applicant token for someone the platform never registered
        var client = app.As("unregistered-" + Guid.NewGuid().ToString("N")[..12]);

        // When they read their statement or their pool's
        var personal = await client.GetAsync("/api/accounts/mine/entries");
        var pool = await client.GetAsync("/api/accounts/mine/entries?account=pool");

        // Then neither exists
        await Api.ExpectProblem(personal, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(pool, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("institution")]
    [InlineData("reviewer")]
    [InlineData("admin")]
    public async Task Callers_who_are_not_applicants_get_403(string role)
    {
        // Given a person's id in a token of another role
        var person = await Api.Insured(app);
        var client = app.As(person.Id, role, region: role == "reviewer" ? "guangdong" : null, institution: role == "institution" ? "hospital-1" : null);

        // When that caller reads "their" statement
        var response = await client.GetAsync("/api/accounts/mine/entries");

        // Then they are refused
        await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_new_platform_figure_is_posted_once_as_a_platform_adjustment()
    {
        // Given an authorizer registered with 100 000 fen who has since transferred 30 000 into the pool
        var family = await AfterTransfers(100_000, 30_000);
        var person = family.Authorizer;
        var upsert = Send.InsuredBody(person.ResidentId, person.Name, person.Phone, region: "gansu", personalAccountFen: 120_000);

        // When the platform reports 120 000 fen, and the same report arrives again
        await Api.Expect(await Send.Json(app.Admin(), "/api/admin/insured", upsert.ToJsonString()), HttpStatusCode.Created);
        await Api.Expect(await Send.Json(app.Admin(), "/api/admin/insured", upsert.ToJsonString()), HttpStatusCode.Created);

        // Then one adjustment of the difference between the figures is posted on top of the spending since
        var page = await Page(person.Id);
        var entries = Entries(page);
        Assert.Equal(["platform-adjustment", "transfer-out"], entries.Select(e => e["reason"]!.GetValue<string>()));
        Assert.Equal(20_000, Long(entries[0], "amountFen"));
        Assert.Equal(90_000, Long(entries[0], "balanceAfterFen"));
        Assert.Equal(90_000, Long(page, "balanceFen"));
        Assert.Equal(100_000 + entries.Sum(e => Long(e, "amountFen")), Long(page, "balanceFen"));
    }

    [Fact]
    public async Task Platform_figures_reported_at_once_leave_the_ledger_at_the_figure_the_record_keeps()
    {
        // Given a person registered with 100 000 fen
        var person = await Api.Insured(app, personalAccountFen: 100_000);
        string Body(long fen) => Send.InsuredBody(person.ResidentId, person.Name, person.Phone, personalAccountFen: fen).ToJsonString();

        // When the platform reports 150 000 and 200 000 at the same moment, four times each
        var figures = Enumerable.Repeat(150_000L, 4).Concat(Enumerable.Repeat(200_000L, 4));
        var answers = await Task.WhenAll(figures.Select(fen => Send.Json(app.Admin(), "/api/admin/insured", Body(fen))));

        // Then every report lands, and the balance is whichever figure the record kept, reached by adjustments that add up
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var kept = (await app.Services.GetRequiredService<FamilyAid.Functions.Insured.InsuredStore>().Get(person.Id, default))!.PersonalAccountFen;
        var page = await Page(person.Id);
        Assert.Equal(kept, Long(page, "balanceFen"));
        Assert.Equal(kept, 100_000 + Entries(page).Sum(e => Long(e, "amountFen")));
        Assert.All(Entries(page), e => Assert.Equal("platform-adjustment", e["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_adjustment_a_crash_left_unposted_is_posted_once_by_the_next_report()
    {
        // Given a record that says 130 000 fen and owes the ledger +30 000 (written, then the process died before posting)
        var person = await Api.Insured(app, personalAccountFen: 100_000);
        var tables = app.Services.GetRequiredService<FamilyAid.Functions.Storage.Tables>();
        var row = (await tables.Insured.GetEntityAsync<Azure.Data.Tables.TableEntity>(person.Id, "person")).Value;
        row["PersonalAccountFen"] = 130_000L;
        row["AdjustmentKey"] = "platform/crashed-" + Guid.NewGuid().ToString("N");
        row["AdjustmentFen"] = 30_000L;
        await tables.Insured.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        // When the platform reports 130 000 again, twice
        var body = Send.InsuredBody(person.ResidentId, person.Name, person.Phone, personalAccountFen: 130_000).ToJsonString();
        await Api.Expect(await Send.Json(app.Admin(), "/api/admin/insured", body), HttpStatusCode.Created);
        await Api.Expect(await Send.Json(app.Admin(), "/api/admin/insured", body), HttpStatusCode.Created);

        // Then the owed adjustment is posted exactly once and the balance matches the record
        var page = await Page(person.Id);
        Assert.Equal(30_000, Long(Assert.Single(Entries(page)), "amountFen"));
        Assert.Equal(130_000, Long(page, "balanceFen"));
    }

    [Fact]
    public async Task A_subject_that_cannot_be_a_person_id_has_no_statement()
    {
        // Given a token whose subject holds characters no storage key may
        var client = app.As("odd/sub#?", "applicant");

        // When it reads its statement
        var response = await client.GetAsync("/api/accounts/mine/entries");

        // Then it is not found (not a storage error)
        await Api.ExpectProblem(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_lower_platform_figure_is_posted_as_a_negative_adjustment_and_an_update_of_other_fields_posts_nothing()
    {
        // Given a person registered with 50 000 fen
        var person = await Api.Insured(app, personalAccountFen: 50_000);

        // When the platform reports 45 000 fen, and then a new phone with the same figure
        var lower = Send.InsuredBody(person.ResidentId, person.Name, person.Phone, personalAccountFen: 45_000);
        await Api.Expect(await Send.Json(app.Admin(), "/api/admin/insured", lower.ToJsonString()), HttpStatusCode.Created);
        var phone = Send.InsuredBody(person.ResidentId, person.Name, "13800000000", personalAccountFen: 45_000);
        await Api.Expect(await Send.Json(app.Admin(), "/api/admin/insured", phone.ToJsonString()), HttpStatusCode.Created);

        // Then one adjustment of −5 000 fen is on the statement
        var page = await Page(person.Id);
        var entry = Assert.Single(Entries(page));
        Assert.Equal("platform-adjustment", entry["reason"]!.GetValue<string>());
        Assert.Equal(-5_000, Long(entry, "amountFen"));
        Assert.Equal(45_000, Long(page, "balanceFen"));
    }
}
