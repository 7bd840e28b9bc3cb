using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Tests.Settlements;

/// <summary>An institution's Idempotency-Key: a retry gets the first answer and moves nothing; the key belongs to
/// the institution that sent it.</summary>
[Collection(AppCollection.Name)]
public sealed class SettlementIdempotencyTests(FamilyAidApp app)
{
    /// <summary>A guangdong member with 20 yuan of their own whose authorizer holds 100 yuan.</summary>
    private async Task<(Person Authorizer, Person Member)> Family()
    {
        var authorizer = await Api.Insured(app, personalAccountFen: 10_000);
        var member = await Api.Insured(app, personalAccountFen: 2_000);
        await Money.BindGuangdong(app, authorizer, member);
        return (authorizer, member);
    }

    [Fact]
    public async Task The_same_key_and_body_again_replays_the_first_answer_and_moves_money_once()
    {
        // Given a settlement of 50 yuan under a key
        var (authorizer, member) = await Family();
        var hospital = Money.Institution(app, Money.NewInstitution());
        var key = Money.NewKey();
        var body = Money.Body(await Money.Code(app, member), 5_000);
        var first = await Money.Post(hospital, body, key);
        await Api.Expect(first, HttpStatusCode.Created);
        var firstText = await first.Content.ReadAsStringAsync();
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));

        // When the hospital sends it twice more (a lost answer), once after the code would have been used
        var replays = new[] { await Money.Post(hospital, body, key), await Money.Post(hospital, body, key) };

        // Then each answer is the first one again: 201, the same id and split, marked as replayed
        foreach (var replay in replays)
        {
            await Api.Expect(replay, HttpStatusCode.Created);
            Assert.Equal(["true"], replay.Headers.GetValues("Idempotent-Replayed"));
            Assert.Equal(Money.Read(await Api.Json(first)), Money.Read(await Api.Json(replay)));
            Assert.Equal(firstText, await replay.Content.ReadAsStringAsync());
        }

        var split = Money.Read(await Api.Json(first));
        Assert.Equal((2_000L, 3_000L, 0L), (split.Own, split.Family, split.Cash));

        // And the money moved once: one entry on each statement
        Assert.Equal(new Line(1, -2_000, 0, "settlement", split.Id), Assert.Single((await Money.StatementOf(app, member)).Lines));
        Assert.Equal(new Line(1, -3_000, 7_000, "settlement", split.Id), Assert.Single((await Money.StatementOf(app, authorizer)).Lines));

        // And it was audited once
        Assert.Equal(["settlement"], (await Money.Audit(app, split.Id)).Select(e => e["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Twenty_concurrent_sends_of_one_keyed_request_make_one_settlement()
    {
        // Given one request body and key
        var (authorizer, member) = await Family();
        var hospital = Money.Institution(app, Money.NewInstitution());
        var key = Money.NewKey();
        var body = Money.Body(await Money.Code(app, member), 4_000);

        // When it is sent twenty times at once
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Money.Post(hospital, body, key)));

        // Then every answer is either the settlement (201, one id for all) or "still running" (409 request-in-progress)
        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        foreach (var other in answers.Except(created))
        {
            await Api.ExpectProblem(other, HttpStatusCode.Conflict, "request-in-progress");
        }

        var ids = new HashSet<string>();
        foreach (var answer in created)
        {
            ids.Add(Money.Read(await Api.Json(answer)).Id);
        }

        var id = Assert.Single(ids);

        // And the money moved once
        Assert.Equal(new Line(1, -2_000, 0, "settlement", id), Assert.Single((await Money.StatementOf(app, member)).Lines));
        Assert.Equal(new Line(1, -2_000, 8_000, "settlement", id), Assert.Single((await Money.StatementOf(app, authorizer)).Lines));

        // And a later send replays it
        var later = await Money.Post(hospital, body, key);
        await Api.Expect(later, HttpStatusCode.Created);
        Assert.Equal(id, Money.Read(await Api.Json(later)).Id);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict_and_moves_nothing()
    {
        // Given a settlement under a key
        var (authorizer, member) = await Family();
        var hospital = Money.Institution(app, Money.NewInstitution());
        var key = Money.NewKey();
        var code = await Money.Code(app, member);
        var split = await Money.Created(await Money.Post(hospital, Money.Body(code, 1_000), key));

        // When the key is sent with another amount, another category, and another (fresh) code
        var other = await Money.Code(app, member);
        var conflicts = new[]
        {
            await Money.Post(hospital, Money.Body(code, 1_001), key),
            await Money.Post(hospital, Money.Body(code, 1_000, "pharmacy"), key),
            await Money.Post(hospital, Money.Body(other, 1_000), key),
        };

        // Then each is 409 idempotency-conflict and nothing more moved
        foreach (var conflict in conflicts)
        {
            await Api.ExpectProblem(conflict, HttpStatusCode.Conflict, "idempotency-conflict");
        }

        Assert.Equal(new Line(1, -1_000, 1_000, "settlement", split.Id), Assert.Single((await Money.StatementOf(app, member)).Lines));
        Assert.Empty((await Money.StatementOf(app, authorizer)).Lines);

        // And the fresh code was not used by the refused request: it still pays
        var paid = await Money.Pay(hospital, other, 1_000);
        Assert.Equal(1_000, paid.Own);
    }

    [Fact]
    public async Task A_key_is_scoped_to_its_institution_so_another_institution_using_it_is_independent()
    {
        // Given hospital A settled 15 yuan under key K
        var (_, member) = await Family();
        var a = Money.Institution(app, Money.NewInstitution());
        var key = Money.NewKey();
        var body = Money.Body(await Money.Code(app, member), 1_500);
        var first = await Money.Created(await Money.Post(a, body, key));

        // When hospital B sends K with another body, it is no conflict: it is B's own first request
        var b = Money.Institution(app, Money.NewInstitution());
        var theirs = await Money.Created(await Money.Post(b, Money.Body(await Money.Code(app, member), 300), key));

        // And when hospital C sends K with A's very body, it gets no replay of A's answer: the code is used
        var c = Money.Institution(app, Money.NewInstitution());
        var sameBody = await Money.Post(c, body, key);
        await Api.ExpectProblem(sameBody, (HttpStatusCode)422, "invalid-payment-code");
        Assert.False(sameBody.Headers.Contains("Idempotent-Replayed"));

        // Then B's settlement is a new one, A's key still replays A's answer, and B cannot refund A's settlement
        Assert.NotEqual(first.Id, theirs.Id);
        var replay = await Money.Post(a, body, key);
        Assert.Equal(["true"], replay.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(first, Money.Read(await Api.Json(replay)));
        await Api.ExpectProblem(await Money.Refund(b, first.Id), HttpStatusCode.NotFound, "not-found");

        // And the member's account shows exactly the two settlements
        var statement = await Money.StatementOf(app, member);
        Assert.Equal(
            [new Line(2, -300, 200, "settlement", theirs.Id), new Line(1, -1_500, 500, "settlement", first.Id)],
            statement.Lines);
        await Money.AssertConsistent(app, AccountId.Personal(member.Id));
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_or_not_printable_ascii_is_a_400_and_uses_nothing()
    {
        var (_, member) = await Family();
        var hospital = Money.Institution(app, Money.NewInstitution());
        var code = await Money.Code(app, member);

        foreach (var key in new[] { new string('k', 256), "key with é" })
        {
            await Api.ExpectProblem(await Money.Post(hospital, Money.Body(code, 100), key), HttpStatusCode.BadRequest, "invalid-idempotency-key");
        }

        // A key of exactly 255 characters is fine, and the code was not used by the refused requests
        Assert.Equal(100, (await Money.Created(await Money.Post(hospital, Money.Body(code, 100), new string('k', 255)))).Own);
    }

    [Fact]
    public async Task A_refused_settlement_is_replayed_as_refused_and_the_code_stays_usable_under_a_new_key()
    {
        // Given a refusal (wellness) under a key
        var (_, member) = await Family();
        var hospital = Money.Institution(app, Money.NewInstitution());
        var key = Money.NewKey();
        var code = await Money.Code(app, member);
        var body = Money.Body(code, 800, "wellness");
        await Api.ExpectProblem(await Money.Post(hospital, body, key), (HttpStatusCode)422, "category-not-covered");

        // When it is retried with the same key, it is the same refusal
        var again = await Money.Post(hospital, body, key);
        await Api.ExpectProblem(again, (HttpStatusCode)422, "category-not-covered");

        // And a covered bill with the code under a new key is paid
        Assert.Equal(800, (await Money.Pay(hospital, code, 800)).Own);
    }
}
