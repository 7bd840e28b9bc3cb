using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Tests.Families;
using FamilyAid.Functions.Tests.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Proxy;

/// <summary>Five proxied people per person: a sixth request is 409 <c>proxy-limit</c>, and approvals at once never make six.</summary>
[Collection(AppCollection.Name)]
public sealed class ProxyLimitTests(FamilyAidApp app)
{
    [Fact]
    public async Task A_sixth_proxy_request_is_refused_counting_open_requests_and_active_proxies_and_nothing_is_written()
    {
        // Given an authorizer who acts for one person and has four open proxy requests for others
        var proxy = await ProxySteps.ProxyForParent(app);
        for (var i = 0; i < 4; i++)
        {
            await Api.CreateBinding(app, proxy.Authorizer, await Api.Insured(app, region: "gansu"), "proxy", "gansu", "sibling", commitmentConfirmed: true);
        }

        var before = await Listed(proxy.Authorizer);

        // When they ask to act for a sixth
        var sixth = await app.As(proxy.Authorizer.Id).PostAsJsonAsync(
            "/api/bindings", Api.BindingBody(await Api.Insured(app, region: "gansu"), "proxy", "gansu", "sibling", commitmentConfirmed: true));

        // Then it is refused and no request was opened; a sharing request is not limited by it
        await Api.ExpectProblem(sixth, HttpStatusCode.Conflict, "proxy-limit");
        Assert.Equal(before, await Listed(proxy.Authorizer));
        await Api.CreateBinding(app, proxy.Authorizer, await FamilySteps.Child(app, "gansu"), "sharing", "gansu", "child");
    }

    [Fact]
    public async Task Five_approvals_at_once_for_an_authorizer_who_already_acts_for_one_bind_only_four()
    {
        // Given five open proxy requests of one authorizer, each member's face check open, and one more proxy that
        // activated past intake meanwhile (as a create racing the others would)
        var authorizer = await FamilySteps.Authorizer(app, "gansu");
        var requests = new List<(string Id, string Session)>();
        for (var i = 0; i < 5; i++)
        {
            var member = await Api.Insured(app, region: "gansu");
            var id = await Api.CreateBinding(app, authorizer, member, "proxy", "gansu", "sibling", commitmentConfirmed: true);
            await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null), HttpStatusCode.Accepted);
            requests.Add((id, await WorkflowSteps.StartFaceCheck(app, member, id)));
        }

        var raced = await Api.Insured(app, region: "gansu");
        var store = app.Services.GetRequiredService<RelationshipStore>();
        Assert.Equal(ActivationOutcome.Activated, await store.Activate(
            new ActivateRelationship(Guid.NewGuid().ToString("N"), authorizer.Id, raced.Id, BindingKind.Proxy, Relation.Sibling, "gansu", app.Clock.GetUtcNow()),
            CancellationToken.None));

        // When the five members' passing results arrive at once
        var answers = await Task.WhenAll(requests.Select(r => Api.FaceCheckCallback(app, r.Session, "pass", 0.97)));
        foreach (var answer in answers)
        {
            await Api.Expect(answer, HttpStatusCode.OK);
        }

        // Then four are approved and one is rejected for the limit: the authorizer acts for exactly five people
        var statuses = new List<string>();
        foreach (var (id, _) in requests)
        {
            await Api.Eventually(async () => await Api.Status(app, authorizer, id) is "approved" or "rejected", $"request {id} to be decided");
            statuses.Add(await Api.Status(app, authorizer, id));
        }

        Assert.Equal(4, statuses.Count(s => s == "approved"));
        var loser = requests[statuses.IndexOf("rejected")];
        Assert.Equal(["proxy-limit", "rejected"], (await WorkflowSteps.Timeline(app, authorizer, loser.Id))[^2..]);
        Assert.Equal(5, (await store.Of(authorizer.Id, CancellationToken.None)).Count(r => r.Kind == BindingKind.Proxy));
    }

    private async Task<int> Listed(Person authorizer) =>
        (await Api.Json(await app.As(authorizer.Id).GetAsync("/api/bindings"))).AsArray().Count;
}
