using System.Diagnostics;
using FamilyAid.Domain.Ledger;
using Xunit.Abstractions;

namespace FamilyAid.Functions.Tests.Settlements;

/// <summary>Many settlements at once against one family account, on an app (and tables) of its own.</summary>
public sealed class SettlementConcurrencyTests(PrivateApp app, ITestOutputHelper output) : IClassFixture<PrivateApp>
{
    private const int Settlements = 200;
    private const long OpeningFen = 10_000;

    /// <summary>A guangdong authorizer holding 100 yuan, four resident-insured members (no own accounts, so every
    /// account part comes from the authorizer's account), 200 codes (50 per member), 200 bills of 50 to 150 fen
    /// (about twice what the account holds), each sent by one of four hospitals under its own key.</summary>
    private sealed record Scenario(Person Authorizer, List<Person> Members, Func<int, Task<HttpResponseMessage>> Send, long[] Bills);

    private async Task<Scenario> OneFamily()
    {
        var setup = Stopwatch.StartNew();
        var authorizer = await Api.Insured(app, personalAccountFen: OpeningFen);
        var members = new List<Person>();
        foreach (var relation in new[] { "spouse", "child", "parent", "child" })
        {
            var member = await Api.Insured(app, insuranceType: "resident");
            await Money.BindGuangdong(app, authorizer, member, relation: relation);
            members.Add(member);
        }

        var codes = new string[Settlements];
        await Parallel.ForEachAsync(Enumerable.Range(0, Settlements), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            codes[i] = await Money.Code(app, members[i % members.Count]));
        Assert.Equal(Settlements, codes.Distinct().Count());

        var bills = Enumerable.Range(0, Settlements).Select(i => 50L + (i * 37 % 101)).ToArray();
        Assert.True(bills.Sum() > OpeningFen);
        var hospitals = Enumerable.Range(0, 4).Select(_ => Money.Institution(app, Money.NewInstitution())).ToArray();
        var bodies = Enumerable.Range(0, Settlements).Select(i => Money.Body(codes[i], bills[i], i % 2 == 0 ? "outpatient" : "pharmacy")).ToArray();
        var keys = Enumerable.Range(0, Settlements).Select(_ => Money.NewKey()).ToArray();
        output.WriteLine($"setup (4 bindings, {Settlements} codes): {setup.ElapsedMilliseconds} ms");
        return new Scenario(authorizer, members, i => Money.Post(hospitals[i % hospitals.Length], bodies[i], keys[i]), bills);
    }

    /// <summary>Sends every settlement with at most <paramref name="inFlight"/> requests in flight together.</summary>
    private async Task<HttpResponseMessage[]> SendAll(Scenario scenario, int inFlight)
    {
        using var gate = new SemaphoreSlim(inFlight);
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, Settlements).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await scenario.Send(i);
            }
            finally
            {
                gate.Release();
            }
        }));
        clock.Stop();
        output.WriteLine($"{Settlements} settlements, {inFlight} in flight: answered in {clock.ElapsedMilliseconds} ms; " +
                         string.Join(", ", answers.GroupBy(a => (int)a.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")));
        return answers;
    }

    /// <summary>Everything the ledger and the answers must agree on once all 200 are settled.</summary>
    private async Task AssertExactlySettled(Scenario scenario, List<Split> splits)
    {
        // Every one completed, its parts add up to its bill, and nothing came from an own account
        for (var i = 0; i < Settlements; i++)
        {
            Assert.Equal(scenario.Bills[i], splits[i].Total);
            Assert.Equal("completed", splits[i].Status);
            Assert.Equal(0, splits[i].Own);
            Assert.InRange(splits[i].Family, 0, scenario.Bills[i]);
            Assert.InRange(splits[i].Cash, 0, scenario.Bills[i]);
        }

        Assert.Equal(Settlements, splits.Select(s => s.Id).Distinct().Count());

        // The account ends with exactly max(0, opening − total), and the family parts add up to what left it
        var account = AccountId.Personal(scenario.Authorizer.Id);
        var (opening, balance) = await Money.Ledger(app, account);
        Assert.Equal(OpeningFen, opening);
        Assert.Equal(Math.Max(0, OpeningFen - scenario.Bills.Sum()), balance);
        Assert.Equal(opening - balance, splits.Sum(s => s.Family));

        // At most one settlement was paid partly from the account (the one that found less than its bill left)
        Assert.True(splits.Count(s => s.Family > 0 && s.Cash > 0) <= 1, "more than one bill found the account part-empty");

        // One entry per settlement that took money, each exactly its family part; none negative; opening + entries = balance
        var entries = await Money.Entries(app, account);
        Assert.All(entries, e => Assert.Equal("settlement", e.Reason));
        Assert.Equal(entries.Count, entries.Select(e => e.Reference).Distinct().Count());
        var byId = splits.ToDictionary(s => s.Id);
        Assert.All(entries, e => Assert.Equal(-byId[e.Reference!].Family, e.AmountFen));
        Assert.Equal(splits.Count(s => s.Family > 0), entries.Count);
        await Money.AssertConsistent(app, account);

        // The authorizer's statement agrees with the ledger; the members' own accounts never moved
        var statement = await Money.StatementOf(app, scenario.Authorizer);
        Assert.Equal(balance, statement.BalanceFen);
        Assert.Equal(entries.Count, statement.Lines.Count);
        foreach (var member in scenario.Members)
        {
            Assert.Empty((await Money.StatementOf(app, member)).Lines);
        }
    }

    [Fact]
    public async Task Two_hundred_concurrent_settlements_against_one_family_account_move_exactly_its_balance_and_no_more()
    {
        // Given one family account holding 100 yuan and 200 bills against it
        var scenario = await OneFamily();

        // When the 200 are settled concurrently, 16 in flight at any moment
        var answers = await SendAll(scenario, inFlight: 16);

        // Then each is 201, and the ledger holds exactly what the answers say
        var splits = new List<Split>();
        foreach (var answer in answers)
        {
            splits.Add(await Money.Created(answer));
        }

        await AssertExactlySettled(scenario, splits);
    }

    [Fact]
    public async Task Two_hundred_settlements_sent_all_at_once_against_one_account_all_answer_201()
    {
        // Given one family account holding 100 yuan and 200 bills against it
        var scenario = await OneFamily();

        // When all 200 are sent at the same moment
        var answers = await SendAll(scenario, inFlight: Settlements);

        // Then each is 201 (none refused for storage), and the ledger holds exactly what the answers say
        var splits = new List<Split>();
        foreach (var answer in answers)
        {
            Assert.False(answer.Headers.Contains("Idempotent-Replayed"));
            splits.Add(await Money.Created(answer));
        }

        await AssertExactlySettled(scenario, splits);
    }

    [Fact]
    public async Task Two_hundred_settlements_sent_all_at_once_and_then_all_retried_at_once_replay_the_same_splits_and_move_nothing_more()
    {
        // Given one family account holding 100 yuan, and 200 bills against it all settled at the same moment
        var scenario = await OneFamily();
        var splits = new List<Split>();
        foreach (var answer in await SendAll(scenario, inFlight: Settlements))
        {
            splits.Add(await Money.Created(answer));
        }

        await AssertExactlySettled(scenario, splits);
        var account = AccountId.Personal(scenario.Authorizer.Id);
        var entriesBefore = await Money.Entries(app, account);

        // When every institution sends every bill again, at the same moment, under the same key (all answers lost)
        var retries = await SendAll(scenario, inFlight: Settlements);

        // Then each retry is 201, marked as replayed, with the very split the first answer gave
        for (var i = 0; i < Settlements; i++)
        {
            await Api.Expect(retries[i], HttpStatusCode.Created);
            Assert.Equal(["true"], retries[i].Headers.GetValues("Idempotent-Replayed"));
            Assert.Equal(splits[i], Money.Read(await Api.Json(retries[i])));
        }

        // And the ledger moved nothing more: the same entries, and every invariant of the first round still holds
        Assert.Equal(entriesBefore, await Money.Entries(app, account));
        await AssertExactlySettled(scenario, splits);
    }

    [Fact]
    public async Task Concurrent_settlements_of_one_employee_member_drain_own_then_pool_then_cash_exactly()
    {
        // Given a gansu employee member with 30 yuan of their own, and 50 yuan in the family pool
        var authorizer = await Api.Insured(app, region: "gansu", personalAccountFen: 50_000);
        var member = await Api.Insured(app, region: "gansu", personalAccountFen: 3_000);
        await Money.BindGansu(app, authorizer, member);
        await Money.Transfer(app, authorizer, 5_000);
        var codes = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            codes.Add(await Money.Code(app, member));
        }

        // When 60 bills of 2 yuan are settled concurrently, 16 in flight (120 yuan against 80 held)
        var hospital = Money.Institution(app, Money.NewInstitution());
        using var gate = new SemaphoreSlim(16);
        var answers = await Task.WhenAll(codes.Select(async code =>
        {
            await gate.WaitAsync();
            try
            {
                return await Money.Settle(hospital, code, 200);
            }
            finally
            {
                gate.Release();
            }
        }));

        // Then own paid 30, the pool 50, cash 40, and each account's entries match the answers one to one
        var splits = new List<Split>();
        foreach (var answer in answers)
        {
            var split = await Money.Created(answer);
            Assert.Equal(200, split.Total);
            splits.Add(split);
        }

        Assert.Equal(3_000, splits.Sum(s => s.Own));
        Assert.Equal(5_000, splits.Sum(s => s.Family));
        Assert.Equal(4_000, splits.Sum(s => s.Cash));
        foreach (var (account, part) in new[] { (AccountId.Personal(member.Id), (Func<Split, long>)(s => s.Own)), (AccountId.Pool(authorizer.Id), s => s.Family) })
        {
            Assert.Equal(0, (await Money.Ledger(app, account)).BalanceFen);
            var entries = await Money.Entries(app, account);
            Assert.Equal(
                splits.Where(s => part(s) > 0).Select(s => (s.Id, -part(s))).OrderBy(x => x.Id, StringComparer.Ordinal),
                entries.Where(e => e.Reason == "settlement").Select(e => (e.Reference!, e.AmountFen)).OrderBy(x => x.Item1, StringComparer.Ordinal));
            await Money.AssertConsistent(app, account);
        }

        Assert.Equal(45_000, (await Money.StatementOf(app, authorizer)).BalanceFen);
    }
}
