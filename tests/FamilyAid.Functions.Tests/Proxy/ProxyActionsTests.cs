using FamilyAid.Functions.Tests.Families;

namespace FamilyAid.Functions.Tests.Proxy;

/// <summary><c>GET /api/me/proxy-actions</c> and <c>GET /api/proxy/{personId}/entries</c>: the member sees what proxies
/// did in their name; a proxy reads the member's statement.</summary>
[Collection(AppCollection.Name)]
public sealed class ProxyActionsTests(FamilyAidApp app)
{
    [Fact]
    public async Task The_member_sees_each_action_in_their_name_newest_first_with_the_proxys_masked_name()
    {
        // Given a parent with two proxies (the same person may be added by several relatives), and another proxied person
        var first = await ProxySteps.ProxyForParent(app);
        var second = await FamilySteps.Bind(app, await FamilySteps.Authorizer(app, "gansu"), first.Member, kind: "proxy", relation: "parent");
        var other = await ProxySteps.ProxyForParent(app);

        // When the first shows an e-voucher, a minute later the second reads the statement, and the other proxy acts for theirs
        await ProxySteps.Code(app, first);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Api.Expect(await app.As(second.Authorizer.Id).GetAsync($"/api/proxy/{first.Member.Id}/entries"), HttpStatusCode.OK);
        await ProxySteps.Code(app, other);

        // Then the parent sees both of their own actions, newest first, each proxy by masked name, and nothing of the other's
        var actions = (await ProxySteps.Actions(app, first.Member.Id))["actions"]!.AsArray();
        Assert.Equal(["statement-read", "e-voucher-shown"], actions.Select(a => a!["action"]!.GetValue<string>()));
        Assert.Equal([Masked(second.Authorizer), Masked(first.Authorizer)], actions.Select(a => a!["by"]!.GetValue<string>()));
        Assert.True(actions[0]!["at"]!.GetValue<DateTimeOffset>() > actions[1]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Single((await ProxySteps.Actions(app, other.Member.Id))["actions"]!.AsArray());
        Assert.Empty((await ProxySteps.Actions(app, first.Authorizer.Id))["actions"]!.AsArray());
    }

    [Fact]
    public async Task Proxy_actions_are_paged_like_the_statement()
    {
        // Given three e-vouchers shown for a parent
        var proxy = await ProxySteps.ProxyForParent(app);
        for (var i = 0; i < 3; i++)
        {
            await ProxySteps.Code(app, proxy);
        }

        // When the parent reads two, then the page after them
        var page = await ProxySteps.Actions(app, proxy.Member.Id, "?take=2");
        var next = await ProxySteps.Actions(app, proxy.Member.Id, $"?take=2&before={page["nextBefore"]!.GetValue<string>()}");

        // Then the pages hold two and one, and the last says so; a malformed cursor or size is refused
        Assert.Equal(2, page["actions"]!.AsArray().Count);
        Assert.Single(next["actions"]!.AsArray());
        Assert.Null(next["nextBefore"]);
        await Api.ExpectProblem(await app.As(proxy.Member.Id).GetAsync("/api/me/proxy-actions?before=x"), HttpStatusCode.BadRequest, "invalid-request");
        await Api.ExpectProblem(await app.As(proxy.Member.Id).GetAsync("/api/me/proxy-actions?take=0"), HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task A_proxy_reads_the_members_statement_and_no_one_else_does()
    {
        // Given a proxy for a parent who paid 1 000 fen with an e-voucher, and a stranger
        var proxy = await ProxySteps.ProxyForParent(app, parentFen: 5_000);
        await Api.Expect(await ProxySteps.Settle(app, await ProxySteps.Code(app, proxy)), HttpStatusCode.Created);
        var stranger = await Api.Insured(app, region: "gansu");

        // When the proxy reads the parent's statement, and others try
        var read = await app.As(proxy.Authorizer.Id).GetAsync($"/api/proxy/{proxy.Member.Id}/entries?take=1");
        var byStranger = await app.As(stranger.Id).GetAsync($"/api/proxy/{proxy.Member.Id}/entries");
        var byMember = await app.As(proxy.Member.Id).GetAsync($"/api/proxy/{proxy.Authorizer.Id}/entries");
        var pool = await app.As(proxy.Authorizer.Id).GetAsync($"/api/proxy/{proxy.Member.Id}/entries?account=pool");
        var badTake = await app.As(proxy.Authorizer.Id).GetAsync($"/api/proxy/{proxy.Member.Id}/entries?take=0");

        // Then the proxy sees the parent's balance and the settlement, as the parent does; the others get 404
        await Api.Expect(read, HttpStatusCode.OK);
        var page = await Api.Json(read);
        Assert.Equal("personal", page["account"]!.GetValue<string>());
        Assert.Equal(4_000, page["balanceFen"]!.GetValue<long>());
        Assert.Equal(-1_000, Assert.Single(page["entries"]!.AsArray())!["amountFen"]!.GetValue<long>());
        await Api.ExpectProblem(byStranger, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(byMember, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(pool, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(badTake, HttpStatusCode.BadRequest, "invalid-request");
    }

    private static string Masked(Person person) => person.Name[0] + new string('*', person.Name.Length - 1);
}
