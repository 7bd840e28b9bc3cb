using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.PaymentCodes;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Settlements;

/// <summary>What a settlement refuses, with which code, and that a refusal moves no money.</summary>
[Collection(AppCollection.Name)]
public sealed class SettlementRefusalTests(FamilyAidApp app)
{
    /// <summary>A guangdong member with 10 yuan of their own whose authorizer holds 100 yuan.</summary>
    private async Task<(Person Authorizer, Person Member)> Family()
    {
        var authorizer = await Api.Insured(app, personalAccountFen: 10_000);
        var member = await Api.Insured(app, personalAccountFen: 1_000);
        await Money.BindGuangdong(app, authorizer, member);
        return (authorizer, member);
    }

    private async Task AssertUntouched(Person authorizer, Person member)
    {
        foreach (var (person, balance) in new[] { (authorizer, 10_000L), (member, 1_000L) })
        {
            var statement = await Money.StatementOf(app, person);
            Assert.Equal(balance, statement.BalanceFen);
            Assert.Empty(statement.Lines);
        }
    }

    [Fact]
    public async Task A_settlement_without_an_idempotency_key_is_refused_and_leaves_the_code_usable()
    {
        // Given a member's code
        var (authorizer, member) = await Family();
        var code = await Money.Code(app, member);
        var hospital = Money.Institution(app, Money.NewInstitution());

        // When a hospital settles without an Idempotency-Key
        var answer = await Money.Post(hospital, Money.Body(code, 2_000), key: null);

        // Then 400 idempotency-key-required, nothing moved, and the code still pays with a key
        await Api.ExpectProblem(answer, HttpStatusCode.BadRequest, "idempotency-key-required");
        await AssertUntouched(authorizer, member);
        var split = await Money.Pay(hospital, code, 2_000);
        Assert.Equal((1_000L, 1_000L, 0L), (split.Own, split.Family, split.Cash));
    }

    [Theory]
    [InlineData("wellness")]
    [InlineData("fitness")]
    [InlineData("public-health")]
    public async Task An_uncovered_category_is_refused_and_the_code_still_pays_a_covered_bill(string category)
    {
        // Given a member's code
        var (authorizer, member) = await Family();
        var code = await Money.Code(app, member);
        var hospital = Money.Institution(app, Money.NewInstitution());

        // When a bill of an uncovered category is settled
        var answer = await Money.Settle(hospital, code, 3_000, category);

        // Then 422 category-not-covered and nothing moved
        await Api.ExpectProblem(answer, (HttpStatusCode)422, "category-not-covered");
        await AssertUntouched(authorizer, member);

        // And the same code then pays a covered bill
        var split = await Money.Pay(hospital, code, 3_000, "pharmacy");
        Assert.Equal((1_000L, 2_000L, 0L), (split.Own, split.Family, split.Cash));
    }

    [Theory]
    [InlineData("outpatient")]
    [InlineData("inpatient")]
    [InlineData("pharmacy")]
    [InlineData("resident-premium")]
    public async Task Every_covered_category_is_paid_from_the_accounts(string category)
    {
        var (_, member) = await Family();

        var split = await Money.Pay(Money.Institution(app, Money.NewInstitution()), await Money.Code(app, member), 500, category);

        Assert.Equal((500L, 0L, 0L), (split.Own, split.Family, split.Cash));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("00000000000000000000000000000000.00000000000000000000000000000000")]
    public async Task A_code_we_never_issued_is_an_invalid_payment_code_and_an_empty_one_is_malformed(string code)
    {
        var answer = await Money.Settle(Money.Institution(app, Money.NewInstitution()), code, 1_000);

        // An empty code is malformed (400); anything else that is not a code we signed is invalid-payment-code (422).
        if (code.Length == 0)
        {
            await Api.ExpectProblem(answer, HttpStatusCode.BadRequest, "invalid-request");
        }
        else
        {
            await Api.ExpectProblem(answer, (HttpStatusCode)422, "invalid-payment-code");
        }
    }

    [Fact]
    public async Task A_genuinely_sealed_code_for_a_person_not_on_record_is_an_invalid_payment_code()
    {
        // Given a code sealed with the app's key for a person the register does not hold
        var (_, code) = app.Services.GetRequiredService<PaymentCodeSigner>().Issue("no-such-person", null, app.Clock.GetUtcNow().AddMinutes(2));

        // When it is settled
        var answer = await Money.Settle(Money.Institution(app, Money.NewInstitution()), code, 1_000);

        // Then it is refused like any other code that pays for nobody
        await Api.ExpectProblem(answer, (HttpStatusCode)422, "invalid-payment-code");
    }

    [Theory]
    [InlineData(0)] // the format byte
    [InlineData(5)] // inside the code id (in clear, but it keys the seal)
    [InlineData(40)] // inside the sealed grant
    [InlineData(90)] // inside the tag
    [InlineData(101)] // the last character's unused low bit: the same bytes, spelt another way
    public async Task A_code_with_one_character_changed_is_refused_and_the_real_code_still_works(int position)
    {
        // Given a member's code (102 characters: its person and relationship ids are GUIDs), and the same code with one
        // character's lowest bit flipped
        var (authorizer, member) = await Family();
        var code = await Money.Code(app, member);
        Assert.Equal(102, code.Length);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var forged = code[..position] + alphabet[alphabet.IndexOf(code[position]) ^ 1] + code[(position + 1)..];
        var hospital = Money.Institution(app, Money.NewInstitution());

        // When the forged code is settled
        var answer = await Money.Settle(hospital, forged, 2_000);

        // Then it is refused, nothing moves, and the genuine code still pays
        await Api.ExpectProblem(answer, (HttpStatusCode)422, "invalid-payment-code");
        await AssertUntouched(authorizer, member);
        Assert.Equal(2_000, (await Money.Pay(hospital, code, 2_000)).Total);
    }

    [Fact]
    public async Task A_used_code_is_refused_the_second_time_even_by_another_institution()
    {
        // Given a code that paid a bill
        var (authorizer, member) = await Family();
        var code = await Money.Code(app, member);
        var hospital = Money.Institution(app, Money.NewInstitution());
        var first = await Money.Pay(hospital, code, 500);

        // When it is presented again, by the same hospital under a new key and by another one
        var again = await Money.Settle(hospital, code, 500);
        var elsewhere = await Money.Settle(Money.Institution(app, Money.NewInstitution()), code, 700);

        // Then both are invalid-payment-code and only the first bill moved money
        await Api.ExpectProblem(again, (HttpStatusCode)422, "invalid-payment-code");
        await Api.ExpectProblem(elsewhere, (HttpStatusCode)422, "invalid-payment-code");
        Assert.Equal(new Line(1, -500, 500, "settlement", first.Id), Assert.Single((await Money.StatementOf(app, member)).Lines));
        Assert.Empty((await Money.StatementOf(app, authorizer)).Lines);
    }

    [Fact]
    public async Task Ten_institutions_racing_to_use_one_code_settle_it_once()
    {
        // Given one code
        var (authorizer, member) = await Family();
        var code = await Money.Code(app, member);

        // When ten institutions settle it at the same moment
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Money.Settle(Money.Institution(app, Money.NewInstitution()), code, 1_500 + i)));

        // Then exactly one settles, the nine others are told the code is invalid, and the money moved once
        var won = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        foreach (var lost in answers.Where(a => a != won))
        {
            await Api.ExpectProblem(lost, (HttpStatusCode)422, "invalid-payment-code");
        }

        var split = await Money.Created(won);
        Assert.Equal(1_000, split.Own);
        Assert.Equal(new Line(1, -1_000, 0, "settlement", split.Id), Assert.Single((await Money.StatementOf(app, member)).Lines));
        Assert.Equal(new Line(1, -split.Family, 10_000 - split.Family, "settlement", split.Id), Assert.Single((await Money.StatementOf(app, authorizer)).Lines));
    }

    [Fact]
    public async Task Two_codes_of_one_member_live_at_once_each_pay_once()
    {
        var (_, member) = await Family();
        var first = await Money.Code(app, member);
        var second = await Money.Code(app, member);
        var hospital = Money.Institution(app, Money.NewInstitution());

        var a = await Money.Pay(hospital, second, 600);
        var b = await Money.Pay(hospital, first, 600);

        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal((600L, 0L), (a.Own, a.Family));
        Assert.Equal((400L, 200L), (b.Own, b.Family));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-5_000)]
    [InlineData(100_000_001)]
    public async Task An_amount_outside_one_fen_to_one_million_yuan_is_a_400_and_uses_nothing(long amountFen)
    {
        var (authorizer, member) = await Family();
        var code = await Money.Code(app, member);
        var hospital = Money.Institution(app, Money.NewInstitution());

        var answer = await Money.Settle(hospital, code, amountFen);

        var problem = await Api.ExpectProblem(answer, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("amountFen", problem["field"]?.GetValue<string>());
        await AssertUntouched(authorizer, member);
        Assert.Equal(100, (await Money.Pay(hospital, code, 100)).Total);
    }

    [Theory]
    [InlineData("""{"paymentCode":"x","category":"outpatient","amountFen":1.5}""")]
    [InlineData("""{"paymentCode":"x","category":"outpatient","amountFen":"100"}""")]
    [InlineData("""{"paymentCode":"x","category":"massage","amountFen":100}""")]
    [InlineData("""{"paymentCode":"x","category":"outpatient"}""")]
    [InlineData("""{"category":"outpatient","amountFen":100}""")]
    [InlineData("""{"paymentCode":"x","category":"outpatient","amountFen":100,"tip":5}""")]
    [InlineData("not json")]
    public async Task A_malformed_body_is_a_400_not_a_5xx(string body)
    {
        var answer = await Money.Post(Money.Institution(app, Money.NewInstitution()), body, Money.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Only_institutions_settle_and_a_refused_caller_uses_nothing()
    {
        // Given a member's code
        var (authorizer, member) = await Family();
        var code = await Money.Code(app, member);

        // When the member, the authorizer, a reviewer and an admin try to settle with it
        foreach (var caller in new[] { app.As(member.Id), app.As(authorizer.Id), app.Reviewer("guangdong"), app.Admin() })
        {
            // Then each is forbidden
            await Api.ExpectProblem(await Money.Settle(caller, code, 1_000), HttpStatusCode.Forbidden, "forbidden");
        }

        // And without a token it is 401
        Assert.Equal(HttpStatusCode.Unauthorized, (await Money.Settle(app.Anonymous(), code, 1_000)).StatusCode);

        // And nothing moved: the code still pays an institution's bill
        await AssertUntouched(authorizer, member);
        var paid = await Money.Pay(Money.Institution(app, Money.NewInstitution()), code, 1_000);
        Assert.Equal((1_000L, 0L, 0L), (paid.Own, paid.Family, paid.Cash));
    }
}

/// <summary>Payment-code expiry, on an app and clock of its own.</summary>
public sealed class PaymentCodeExpiryTests
{
    [Fact]
    public async Task A_code_works_until_120_seconds_and_is_invalid_after()
    {
        // Given two codes issued at the same moment
        await using var app = new PrivateApp();
        var authorizer = await Api.Insured(app, personalAccountFen: 10_000);
        var member = await Api.Insured(app, insuranceType: "resident");
        await Money.BindGuangdong(app, authorizer, member);
        var early = await Money.Code(app, member);
        var late = await Money.Code(app, member);
        var hospital = Money.Institution(app, Money.NewInstitution());

        // When one is used a second before expiry, and the other a second after
        app.Clock.Advance(TimeSpan.FromSeconds(119));
        var inTime = await Money.Pay(hospital, early, 1_000);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var tooLate = await Money.Settle(hospital, late, 1_000);

        // Then the first pays, the second is an invalid payment code, and only the first moved money
        Assert.Equal(1_000, inTime.Family);
        await Api.ExpectProblem(tooLate, (HttpStatusCode)422, "invalid-payment-code");
        var statement = await Money.StatementOf(app, authorizer);
        Assert.Equal(9_000, statement.BalanceFen);
        Assert.Equal(new Line(1, -1_000, 9_000, "settlement", inTime.Id), Assert.Single(statement.Lines));
        await Money.AssertConsistent(app, AccountId.Personal(authorizer.Id));
    }
}
