using FamilyAid.Functions.Http;
using FamilyAid.Functions.PaymentCodes;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Tests.Proxy;
using FamilyAid.Functions.Tests.Settlements;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.PaymentCodes;

/// <summary>Self-contained payment codes: issuing stores nothing, a code is used once by inserting its row, an expired one
/// is refused, and the settlement that used a code still finishes on its retry after the code expired. On an app of its
/// own (it moves the clock and drops a table), whose requests are counted.</summary>
public sealed class PaymentCodeSingleUseTests(CountingApp app) : IClassFixture<CountingApp>
{
    private async Task<Person> Member()
    {
        var authorizer = await Api.Insured(app, personalAccountFen: 10_000);
        var member = await Api.Insured(app, personalAccountFen: 1_000);
        await Money.BindGuangdong(app, authorizer, member);
        return member;
    }

    private Task<string?> UsedBy(string code) =>
        app.Services.GetRequiredService<PaymentCodeStore>().UsedBy(app.Services.GetRequiredService<PaymentCodeSigner>().Open(code)!.CodeId, default);

    // A client whose institution is already recorded, so that counting sees only the request's own work.
    private static async Task<HttpClient> Hospital(FamilyAidApp app)
    {
        var hospital = Money.Institution(app, Money.NewInstitution());
        await hospital.GetAsync("/api/health");
        return hospital;
    }

    [Fact]
    public async Task Issuing_a_payment_code_or_an_e_voucher_writes_nothing_for_the_code()
    {
        // Given a family member and a proxy acting for a parent
        var member = await Member();
        var proxy = await ProxySteps.ProxyForParent(app);

        // When the member asks for a payment code and the proxy for an e-voucher, every storage request counted
        IReadOnlyList<string> issue, voucher;
        using (var counted = StorageRequests.Start())
        {
            await Money.Code(app, member);
            issue = counted.Seen;
        }

        using (var counted = StorageRequests.Start())
        {
            await ProxySteps.Code(app, proxy);
            voucher = counted.Seen;
        }

        // Then the payment code took reads only (the caller's relationships), and the e-voucher wrote its proxy action
        // and audit entry but nothing of the code
        Assert.NotEmpty(issue);
        Assert.All(issue, request => Assert.StartsWith("GET ", request));
        Assert.DoesNotContain(voucher, request => request.EndsWith("PaymentCodes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_settlements_sent_at_once_under_two_keys_settle_the_code_once_and_its_row_names_the_winner()
    {
        // Given a member's code and a hospital
        var member = await Member();
        var code = await Money.Code(app, member);
        var hospital = await Hospital(app);

        // When the hospital sends two settlements of it at the same moment, under two keys
        var answers = await Task.WhenAll(Money.Settle(hospital, code, 300), Money.Settle(hospital, code, 400));

        // Then exactly one settles, the other is told the code is invalid, and the code's row names the winner
        var won = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        await Api.ExpectProblem(Assert.Single(answers, a => a != won), (HttpStatusCode)422, "invalid-payment-code");
        Assert.Equal((await Money.Created(won)).Id, await UsedBy(code));
        Assert.Single((await Money.StatementOf(app, member)).Lines);
    }

    [Fact]
    public async Task An_expired_code_nobody_used_is_refused_after_one_read_and_stays_unused()
    {
        // Given a member's code, unused when it expires
        var member = await Member();
        var code = await Money.Code(app, member);
        var hospital = await Hospital(app);
        app.Clock.Advance(TimeSpan.FromSeconds(120));

        // When a hospital settles it
        HttpResponseMessage answer;
        IReadOnlyList<string> requests;
        using (var counted = StorageRequests.Start())
        {
            answer = await Money.Settle(hospital, code, 500);
            requests = counted.Seen;
        }

        // Then it is invalid, after one read of its row (nobody used it) and no write of it, and nothing moved
        await Api.ExpectProblem(answer, (HttpStatusCode)422, "invalid-payment-code");
        Assert.Equal(["GET"], requests.Where(r => r.EndsWith("PaymentCodes", StringComparison.Ordinal)).Select(r => r.Split(' ')[0]));
        Assert.Null(await UsedBy(code));
        Assert.Empty((await Money.StatementOf(app, member)).Lines);
    }

    [Theory]
    [InlineData(false)] // its row is found by trying to insert it again (409)
    [InlineData(true)] // its row is read before anything else
    public async Task The_settlement_that_used_a_code_and_died_before_recording_anything_finishes_on_its_retry(bool afterExpiry)
    {
        // Given a settlement whose first try used the member's code and then failed before it recorded its plan (the
        // movements table is gone at that moment: the pending mark cannot be written)
        var member = await Member();
        var code = await Money.Code(app, member);
        var hospital = await Hospital(app);
        var (key, body) = (Money.NewKey(), Money.Body(code, 1_500));
        var movements = app.Services.GetRequiredService<Tables>().Movements;
        await movements.DeleteAsync();
        HttpResponseMessage first;
        try
        {
            first = await Money.Post(hospital, body, key);
        }
        finally
        {
            await movements.CreateIfNotExistsAsync();
        }

        Assert.True((int)first.StatusCode >= 500, $"the first try failed: {(int)first.StatusCode}");
        var usedBy = await UsedBy(code);
        Assert.NotNull(usedBy);

        // When the hospital retries it under the same key once the claim timed out, before or after the code expired
        app.Clock.Advance(IdempotencyStore.ClaimTimeout + TimeSpan.FromSeconds(afterExpiry ? 121 : 1));
        var retry = await Money.Post(hospital, body, key);

        // Then the retry finishes that very settlement, and a new settlement with the code is refused
        var split = await Money.Created(retry);
        Assert.Equal((usedBy, 1_000L, 500L), (split.Id, split.Own, split.Family));
        await Api.ExpectProblem(await Money.Settle(hospital, code, 100), (HttpStatusCode)422, "invalid-payment-code");
    }
}
