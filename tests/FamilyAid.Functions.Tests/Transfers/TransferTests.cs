using System.Text.Json.Nodes;
using FamilyAid.Functions.Tests.Families;

namespace FamilyAid.Functions.Tests.Transfers;

/// <summary><c>POST /api/transfers</c>: the authorizer of a gansu group moves money from their account into the pool.</summary>
[Collection(AppCollection.Name)]
public sealed class TransferTests(FamilyAidApp app)
{
    private async Task<JsonArray> Entries(string personId, string account = "personal")
    {
        var response = await app.As(personId).GetAsync($"/api/accounts/mine/entries?account={account}&take=200");
        await Api.Expect(response, HttpStatusCode.OK);
        return (await Api.Json(response))["entries"]!.AsArray();
    }

    /// <summary>Nothing moved: both balances as they were and no entries on either account.</summary>
    private async Task NothingMoved(Family family, long accountFen)
    {
        Assert.Equal(accountFen, await FamilySteps.Balance(app, family.Authorizer.Id));
        Assert.Empty(await Entries(family.Authorizer.Id));
        var pool = await app.As(family.Authorizer.Id).GetAsync("/api/accounts/mine/entries?account=pool");
        if (pool.StatusCode != HttpStatusCode.NotFound)
        {
            await Api.Expect(pool, HttpStatusCode.OK);
            var page = await Api.Json(pool);
            Assert.Equal(0, page["balanceFen"]!.GetValue<long>());
            Assert.Empty(page["entries"]!.AsArray());
        }
    }

    [Fact]
    public async Task A_transfer_moves_the_amount_from_the_authorizer_s_account_into_the_pool()
    {
        // Given a gansu authorizer with 100 000 fen and a sharing member
        var family = await FamilySteps.New(app, "gansu", accountFen: 100_000);
        var key = Guid.NewGuid().ToString("N");

        // When they transfer 25 000 fen
        var response = await FamilySteps.Transfer(app, family.Authorizer.Id, 25_000, key);

        // Then it is created and completed
        await Api.Expect(response, HttpStatusCode.Created);
        var transfer = await Api.Json(response);
        var id = transfer["id"]!.GetValue<string>();
        Assert.Equal("completed", transfer["status"]!.GetValue<string>());
        Assert.Equal(25_000, transfer["amountFen"]!.GetValue<long>());

        // And the authorizer's statement shows a transfer-out and the pool's a transfer-in, both naming the transfer
        var outgoing = Assert.Single(await Entries(family.Authorizer.Id))!;
        Assert.Equal("transfer-out", outgoing["reason"]!.GetValue<string>());
        Assert.Equal(-25_000, outgoing["amountFen"]!.GetValue<long>());
        Assert.Equal(75_000, outgoing["balanceAfterFen"]!.GetValue<long>());
        Assert.Equal(id, outgoing["reference"]!.GetValue<string>());
        var incoming = Assert.Single(await Entries(family.Authorizer.Id, "pool"))!;
        Assert.Equal("transfer-in", incoming["reason"]!.GetValue<string>());
        Assert.Equal(25_000, incoming["amountFen"]!.GetValue<long>());
        Assert.Equal(id, incoming["reference"]!.GetValue<string>());

        // And the family's pool rose by the amount as its account fell
        var mine = await FamilySteps.Mine(app, family.Authorizer.Id);
        Assert.Equal(25_000, mine["poolFen"]!.GetValue<long>());
        Assert.Equal(75_000, mine["authorizerAccountFen"]!.GetValue<long>());
        Assert.Equal(25_000, (await FamilySteps.Mine(app, family.Member.Id))["poolFen"]!.GetValue<long>());
    }

    [Fact]
    public async Task Transfers_add_up_in_the_pool()
    {
        // Given a gansu authorizer with 100 000 fen
        var family = await FamilySteps.New(app, "gansu", accountFen: 100_000);

        // When they transfer three times
        foreach (var amount in new long[] { 1, 10_000, 89_999 })
        {
            await FamilySteps.Transferred(app, family.Authorizer.Id, amount);
        }

        // Then all of it is in the pool and the account is empty
        Assert.Equal(100_000, await FamilySteps.Balance(app, family.Authorizer.Id, "pool"));
        Assert.Equal(0, await FamilySteps.Balance(app, family.Authorizer.Id));
        Assert.Equal(3, (await Entries(family.Authorizer.Id, "pool")).Count);
    }

    [Fact]
    public async Task A_transfer_is_audited()
    {
        // Given a gansu authorizer
        var family = await FamilySteps.New(app, "gansu");

        // When they transfer
        var id = await FamilySteps.Transferred(app, family.Authorizer.Id, 4_200);

        // Then the transfer's audit trail names it and its author
        var audit = await app.Admin().GetAsync($"/api/admin/audit?subject={id}");
        await Api.Expect(audit, HttpStatusCode.OK);
        var entry = Assert.Single((await Api.Json(audit)).AsArray())!;
        Assert.Equal("transfer", entry["action"]!.GetValue<string>());
        Assert.Equal(family.Authorizer.Id, entry["actorId"]!.GetValue<string>());
        Assert.Contains("4200", entry["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_idempotency_key_a_transfer_is_400_and_nothing_moves()
    {
        // Given a gansu authorizer
        var family = await FamilySteps.New(app, "gansu", accountFen: 100_000);

        // When they transfer without an Idempotency-Key
        var response = await FamilySteps.Transfer(app, family.Authorizer.Id, "{\"amountFen\":1000}", key: null);

        // Then the key is required and nothing moved
        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "idempotency-key-required");
        await NothingMoved(family, 100_000);
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_400_and_nothing_moves()
    {
        // Given a gansu authorizer
        var family = await FamilySteps.New(app, "gansu", accountFen: 100_000);

        // When they transfer under a key of 256 characters (255 is the most docs/API.md allows)
        var response = await FamilySteps.Transfer(app, family.Authorizer.Id, 1_000, new string('k', 256));

        // Then the key is refused and nothing moved
        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-idempotency-key");
        await NothingMoved(family, 100_000);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-500)]
    [InlineData(100_000_001)]
    public async Task An_amount_that_is_not_positive_or_absurdly_large_is_400(long amount)
    {
        // Given a gansu authorizer
        var family = await FamilySteps.New(app, "gansu", accountFen: 100_000);

        // When they transfer that amount
        var response = await FamilySteps.Transfer(app, family.Authorizer.Id, amount);

        // Then it is refused naming the field, and nothing moved
        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("amountFen", problem["field"]!.GetValue<string>());
        await NothingMoved(family, 100_000);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"amountFen\":\"1000\"}")]
    [InlineData("{\"amountFen\":10.5}")]
    public async Task A_body_without_a_whole_amount_is_invalid_json(string json)
    {
        // Given a gansu authorizer
        var family = await FamilySteps.New(app, "gansu", accountFen: 100_000);

        // When the body is not a transfer
        var response = await FamilySteps.Transfer(app, family.Authorizer.Id, json, Guid.NewGuid().ToString("N"));

        // Then it is refused and nothing moved
        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-json");
        await NothingMoved(family, 100_000);
    }

    [Theory]
    [InlineData("guangdong")]
    [InlineData("national")]
    public async Task An_authorizer_outside_a_pool_region_gets_422_no_family_pool(string region)
    {
        // Given the authorizer of an active sharing relationship in a region without pools
        var family = await FamilySteps.New(app, region, accountFen: 100_000);

        // When they try to transfer
        var response = await FamilySteps.Transfer(app, family.Authorizer.Id, 1_000);

        // Then there is no pool to transfer into, and nothing moved
        await Api.ExpectProblem(response, (HttpStatusCode)422, "no-family-pool");
        await NothingMoved(family, 100_000);
    }

    [Fact]
    public async Task A_member_who_authorizes_nothing_gets_422_no_family_pool()
    {
        // Given the sharing member of a gansu group, an adult employee (bound after a face check) with money of their own
        var authorizer = await FamilySteps.Authorizer(app, "gansu");
        var member = await Api.Insured(app, region: "gansu", insuranceType: "employee", personalAccountFen: 50_000);
        var family = await FamilySteps.Bind(app, authorizer, member, "gansu");

        // When the member tries to transfer
        var response = await FamilySteps.Transfer(app, family.Member.Id, 1_000);

        // Then they fund no pool; their account and the authorizer's pool are untouched
        await Api.ExpectProblem(response, (HttpStatusCode)422, "no-family-pool");
        Assert.Equal(50_000, await FamilySteps.Balance(app, family.Member.Id));
        Assert.Equal(0, (await FamilySteps.Mine(app, family.Member.Id))["poolFen"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_authorizer_of_a_proxy_only_gets_422_no_family_pool()
    {
        // Given a gansu authorizer who is only proxy for a child (亲情账户 moves no money)
        var family = await FamilySteps.New(app, "gansu", kind: "proxy", accountFen: 100_000);

        // When they try to transfer
        var response = await FamilySteps.Transfer(app, family.Authorizer.Id, 1_000);

        // Then there is no pool
        await Api.ExpectProblem(response, (HttpStatusCode)422, "no-family-pool");
        await NothingMoved(family, 100_000);
    }

    [Fact]
    public async Task The_same_key_and_body_again_replays_the_first_answer_and_moves_the_money_once()
    {
        // Given a transfer of 10 000 fen made under a key
        var family = await FamilySteps.New(app, "gansu", accountFen: 100_000);
        var key = Guid.NewGuid().ToString("N");
        var first = await FamilySteps.Transfer(app, family.Authorizer.Id, 10_000, key);
        await Api.Expect(first, HttpStatusCode.Created);
        var firstBody = (await Api.Json(first)).ToJsonString();

        // When it is sent again with the same key and body
        var again = await FamilySteps.Transfer(app, family.Authorizer.Id, 10_000, key);

        // Then the first answer comes back, marked as a replay, and the money moved once
        await Api.Expect(again, HttpStatusCode.Created);
        Assert.Equal("true", Assert.Single(again.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(firstBody, (await Api.Json(again)).ToJsonString());
        Assert.Equal(90_000, await FamilySteps.Balance(app, family.Authorizer.Id));
        Assert.Equal(10_000, await FamilySteps.Balance(app, family.Authorizer.Id, "pool"));
        Assert.Single(await Entries(family.Authorizer.Id));
        Assert.Single(await Entries(family.Authorizer.Id, "pool"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_409_and_moves_nothing_more()
    {
        // Given a transfer of 10 000 fen made under a key
        var family = await FamilySteps.New(app, "gansu", accountFen: 100_000);
        var key = Guid.NewGuid().ToString("N");
        await Api.Expect(await FamilySteps.Transfer(app, family.Authorizer.Id, 10_000, key), HttpStatusCode.Created);

        // When the key is used for another amount
        var response = await FamilySteps.Transfer(app, family.Authorizer.Id, 20_000, key);

        // Then it is a conflict and only the first transfer happened
        await Api.ExpectProblem(response, HttpStatusCode.Conflict, "idempotency-conflict");
        Assert.Equal(90_000, await FamilySteps.Balance(app, family.Authorizer.Id));
        Assert.Equal(10_000, await FamilySteps.Balance(app, family.Authorizer.Id, "pool"));
    }

    [Fact]
    public async Task Another_authorizer_may_use_the_same_key_for_their_own_transfer()
    {
        // Given two gansu authorizers
        var one = await FamilySteps.New(app, "gansu", accountFen: 100_000);
        var two = await FamilySteps.New(app, "gansu", accountFen: 100_000);
        var key = Guid.NewGuid().ToString("N");

        // When both transfer under the same key
        var first = await FamilySteps.Transfer(app, one.Authorizer.Id, 1_000, key);
        var second = await FamilySteps.Transfer(app, two.Authorizer.Id, 2_000, key);

        // Then keys are each caller's own: both are made
        await Api.Expect(first, HttpStatusCode.Created);
        await Api.Expect(second, HttpStatusCode.Created);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(98_000, await FamilySteps.Balance(app, two.Authorizer.Id));
    }

    [Fact]
    public async Task More_than_the_balance_is_422_insufficient_balance_and_nothing_moves()
    {
        // Given a gansu authorizer with 5 000 fen
        var family = await FamilySteps.New(app, "gansu", accountFen: 5_000);

        // When they try to transfer 5 001 fen
        var response = await FamilySteps.Transfer(app, family.Authorizer.Id, 5_001);

        // Then it is refused and nothing moved; the whole balance may still be transferred
        await Api.ExpectProblem(response, (HttpStatusCode)422, "insufficient-balance");
        await NothingMoved(family, 5_000);
        await FamilySteps.Transferred(app, family.Authorizer.Id, 5_000);
        Assert.Equal(0, await FamilySteps.Balance(app, family.Authorizer.Id));
        Assert.Equal(5_000, await FamilySteps.Balance(app, family.Authorizer.Id, "pool"));
    }

    [Fact]
    public async Task Concurrent_transfers_never_take_more_than_the_balance()
    {
        // Given a gansu authorizer with 10 000 fen
        var family = await FamilySteps.New(app, "gansu", accountFen: 10_000);

        // When eight transfers of 3 000 fen race
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => FamilySteps.Transfer(app, family.Authorizer.Id, 3_000)));

        // Then three are made, the rest refused, and the money adds up
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, answers.Count(a => a.StatusCode == (HttpStatusCode)422));
        Assert.Equal(1_000, await FamilySteps.Balance(app, family.Authorizer.Id));
        Assert.Equal(9_000, await FamilySteps.Balance(app, family.Authorizer.Id, "pool"));
    }

    [Theory]
    [InlineData("institution")]
    [InlineData("reviewer")]
    [InlineData("admin")]
    public async Task Callers_who_are_not_applicants_get_403(string role)
    {
        // Given a gansu authorizer's id in a token of another role
        var family = await FamilySteps.New(app, "gansu", accountFen: 100_000);
        var client = app.As(family.Authorizer.Id, role, region: role == "reviewer" ? "gansu" : null, institution: role == "institution" ? "hospital-1" : null);

        // When that caller transfers
        var response = await Bindings.Send.Json(client, "/api/transfers", "{\"amountFen\":1000}", Guid.NewGuid().ToString("N"));

        // Then they are refused and nothing moved
        await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "forbidden");
        await NothingMoved(family, 100_000);
    }
}
