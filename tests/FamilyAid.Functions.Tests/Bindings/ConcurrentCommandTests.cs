namespace FamilyAid.Functions.Tests.Bindings;

/// <summary>Commands that race on one request: each is decided on the state the others left (optimistic concurrency).</summary>
[Collection(AppCollection.Name)]
public sealed class ConcurrentCommandTests(FamilyAidApp app)
{
    /// <summary>A gansu request for an adult that can be submitted at once (no uploads; commitment confirmed).</summary>
    private async Task<(Person Authorizer, string Id)> Open()
    {
        var authorizer = await Api.Insured(app, region: "gansu");
        var member = await Api.Insured(app, region: "gansu", insuranceType: "resident");
        return (authorizer, await Api.CreateBinding(app, authorizer, member, region: "gansu", commitmentConfirmed: true));
    }

    private static List<string> Events(System.Text.Json.Nodes.JsonNode view) =>
        view["timeline"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Concurrent_cancels_cancel_once()
    {
        // Given an open request cancelled six times at once
        var (authorizer, id) = await Open();
        var client = app.As(authorizer.Id);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsync($"/api/bindings/{id}/cancel", null)));

        // Then one cancel went through and the others found it final
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await Api.ExpectProblem(refused, HttpStatusCode.Conflict, "already-final");
        }

        Assert.Equal(["requested", "cancelled"], Events(await Send.View(client, id)));
    }

    [Fact]
    public async Task Concurrent_submits_submit_once()
    {
        // Given a request submitted six times at once
        var (authorizer, id) = await Open();
        var client = app.As(authorizer.Id);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsync($"/api/bindings/{id}/submit", null)));

        // Then one submit went through and the others found it submitted
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
        {
            await Api.ExpectProblem(refused, HttpStatusCode.Conflict, "already-submitted");
        }

        Assert.Single(Events(await Send.View(client, id)), e => e == "submitted");
    }

    [Fact]
    public async Task A_cancel_racing_a_submit_leaves_one_consistent_outcome()
    {
        // Given a request submitted and cancelled at the same moment
        var (authorizer, id) = await Open();
        var client = app.As(authorizer.Id);
        var submit = client.PostAsync($"/api/bindings/{id}/submit", null);
        var cancel = client.PostAsync($"/api/bindings/{id}/cancel", null);
        await Task.WhenAll(submit, cancel);

        // Then the cancel wins either way (a submitted request may be cancelled), and the timeline agrees with the answers
        await Api.Expect(await cancel, HttpStatusCode.OK);
        var events = Events(await Send.View(client, id));
        Assert.Equal("cancelled", events[^1]);
        Assert.Equal((await submit).StatusCode == HttpStatusCode.Accepted, events.Contains("submitted"));
    }
}
