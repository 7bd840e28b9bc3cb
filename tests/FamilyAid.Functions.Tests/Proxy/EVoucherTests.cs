using FamilyAid.Functions.Tests.Families;

namespace FamilyAid.Functions.Tests.Proxy;

/// <summary><c>GET /api/proxy/{personId}/e-voucher</c>: the proxy shows the member's e-voucher, which charges only the
/// member's own account, then cash; every other caller gets 404.</summary>
[Collection(AppCollection.Name)]
public sealed class EVoucherTests(FamilyAidApp app)
{
    [Fact]
    public async Task A_proxy_shows_the_parents_e_voucher_and_a_pharmacy_charges_the_parents_own_account_then_cash()
    {
        // Given a proxy for a parent with 300 fen, the parent also a sharing member of a pool holding 5 000 fen
        var proxy = await ProxySteps.ProxyForParent(app, parentFen: 300);
        var sharer = await FamilySteps.Authorizer(app, "gansu", 100_000);
        await FamilySteps.Bind(app, sharer, proxy.Member, kind: "sharing", relation: "parent");
        await FamilySteps.Transferred(app, sharer.Id, 5_000);
        var now = app.Clock.GetUtcNow();

        // When the proxy shows the parent's e-voucher and a pharmacy settles 1 000 fen with it
        var shown = await ProxySteps.EVoucher(app, proxy.Authorizer.Id, proxy.Member.Id);
        await Api.Expect(shown, HttpStatusCode.OK);
        var body = await Api.Json(shown);
        var settled = await ProxySteps.Settle(app, body["code"]!.GetValue<string>());

        // Then the code lives 120 s, and the parent's own 300 fen pay, the rest is cash: no family money, nothing of the proxy's
        Assert.Equal(now + TimeSpan.FromSeconds(120), body["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("no-store", shown.Headers.CacheControl?.ToString());
        await Api.Expect(settled, HttpStatusCode.Created);
        var split = await Api.Json(settled);
        Assert.Equal(300, split["ownAccountFen"]!.GetValue<long>());
        Assert.Equal(0, split["familyAccountFen"]!.GetValue<long>());
        Assert.Equal(700, split["cashFen"]!.GetValue<long>());
        Assert.Equal(0, await FamilySteps.Balance(app, proxy.Member.Id));
        Assert.Equal(100_000, await FamilySteps.Balance(app, proxy.Authorizer.Id));
        Assert.Equal(5_000, await FamilySteps.Balance(app, sharer.Id, "pool"));
    }

    [Fact]
    public async Task A_stranger_a_sharing_relative_and_the_member_themselves_get_404()
    {
        // Given a proxy for a parent, and a sharing family whose authorizer asks for their member
        var proxy = await ProxySteps.ProxyForParent(app);
        var sharing = await FamilySteps.New(app, "gansu");
        var stranger = await Api.Insured(app, region: "gansu");

        // When a stranger, the sharing authorizer, and the parent ask for an e-voucher; and the proxy for an unknown person
        var answers = new[]
        {
            await ProxySteps.EVoucher(app, stranger.Id, proxy.Member.Id),
            await ProxySteps.EVoucher(app, sharing.Authorizer.Id, sharing.Member.Id),
            await ProxySteps.EVoucher(app, proxy.Member.Id, proxy.Member.Id),
            await ProxySteps.EVoucher(app, proxy.Member.Id, proxy.Authorizer.Id),
            await ProxySteps.EVoucher(app, proxy.Authorizer.Id, "no-such-person"),
        };

        // Then none of them learns that the person exists, and nothing is recorded in the parent's name
        foreach (var answer in answers)
        {
            await Api.ExpectProblem(answer, HttpStatusCode.NotFound, "not-found");
        }

        Assert.Empty((await ProxySteps.Actions(app, proxy.Member.Id))["actions"]!.AsArray());
    }

    [Fact]
    public async Task An_e_voucher_pays_once()
    {
        // Given a proxy's e-voucher for a parent, used by one settlement
        var proxy = await ProxySteps.ProxyForParent(app, parentFen: 5_000);
        var code = await ProxySteps.Code(app, proxy);
        await Api.Expect(await ProxySteps.Settle(app, code), HttpStatusCode.Created);

        // When a second settlement uses it
        var again = await ProxySteps.Settle(app, code);

        // Then it is refused, and the parent paid once
        await Api.ExpectProblem(again, HttpStatusCode.UnprocessableEntity, "invalid-payment-code");
        Assert.Equal(4_000, await FamilySteps.Balance(app, proxy.Member.Id));
    }

    [Theory]
    [InlineData("authorizer")]
    [InlineData("member")]
    public async Task Ending_the_proxy_stops_its_e_vouchers_at_once(string endedBy)
    {
        // Given a live e-voucher the proxy showed for a parent
        var proxy = await ProxySteps.ProxyForParent(app, parentFen: 5_000);
        var code = await ProxySteps.Code(app, proxy);

        // When either side ends the proxy relationship
        var by = endedBy == "authorizer" ? proxy.Authorizer : proxy.Member;
        await Api.Expect(await app.As(by.Id).DeleteAsync($"/api/relationships/{proxy.RelationshipId}"), HttpStatusCode.NoContent);

        // Then the code no longer settles, nothing moved, and the proxy may no longer act
        await Api.ExpectProblem(await ProxySteps.Settle(app, code), HttpStatusCode.UnprocessableEntity, "invalid-payment-code");
        Assert.Equal(5_000, await FamilySteps.Balance(app, proxy.Member.Id));
        await Api.ExpectProblem(await ProxySteps.EVoucher(app, proxy.Authorizer.Id, proxy.Member.Id), HttpStatusCode.NotFound, "not-found");
    }
}
