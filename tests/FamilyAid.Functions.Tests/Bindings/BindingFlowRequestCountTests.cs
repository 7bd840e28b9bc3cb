using FamilyAid.Functions.Tests.Settlements;

namespace FamilyAid.Functions.Tests.Bindings;

/// <summary>Issue 16, target 5: a binding flow through HTTP makes few storage requests, since Azurite's one core divided by
/// what a flow costs it is the flows' throughput. Counted as the bench counts them (docs/BENCHMARKS.md, "Requests of one
/// binding flow").</summary>
public sealed class BindingFlowRequestCountTests(CountingApp app) : IClassFixture<CountingApp>
{
    /// <summary>What the bench's flow makes since issue 16, its effects included (decision 38: the create's timer, the
    /// submit's review queue entry and timer are done by the request), with the header read once (decision 39: the
    /// documents and the submit decide on the header the instance committed last) and GET reading the header only
    /// (decision 40: it keeps the timeline). Before issue 16 the flow's requests were 55 and
    /// its three effects cost the queue about 19 more: the create read the header of the id it had just made, each
    /// document went to storage as Put Block and Put Block List, each of the 9 commands wrote its audit entry after its
    /// commit instead of in it, and each effect went through the queue (the message, the row and the header read back,
    /// the row's delete, the message's delete).</summary>
    private const int MostRequests = 32;

    [Fact]
    public async Task A_whole_binding_flow_with_its_effects_makes_at_most_thirty_two_storage_requests()
    {
        // Given an authorizer and an adult relative, both insured in guangdong
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var client = app.As(authorizer.Id);
        // (the test client's first request sets it up: not the flow's work)
        await client.GetAsync("/api/health");

        // When the authorizer walks the bench's flow (create, the 7 documents, submit, read), every storage request counted by step
        var steps = new List<string>();
        var requests = 0;
        string id;
        using (var counted = StorageRequests.Start())
        {
            var create = await client.PostAsJsonAsync("/api/bindings", Api.BindingBody(member));
            await Api.Expect(create, HttpStatusCode.Created);
            id = (await Api.Json(create))["id"]!.GetValue<string>();
            requests += Step("POST /bindings", counted.Shapes);
        }

        foreach (var type in Api.AllDocuments)
        {
            using var counted = StorageRequests.Start();
            await Api.Expect(await Api.Upload(client, id, type, Api.Jpeg(1024)), HttpStatusCode.Created);
            requests += Step($"PUT /documents/{type}", counted.Shapes);
        }

        using (var counted = StorageRequests.Start())
        {
            await Api.Expect(await client.PostAsync($"/api/bindings/{id}/submit", null), HttpStatusCode.Accepted);
            requests += Step("POST /submit", counted.Shapes);
        }

        using (var counted = StorageRequests.Start())
        {
            var view = await Api.Json(await client.GetAsync($"/api/bindings/{id}"));
            Assert.Equal(9, view["timeline"]!.AsArray().Count);
            requests += Step("GET /bindings/{id}", counted.Shapes);
        }

        // Then the request is in review, its effects were done by the flow itself (no message was sent to the queue, whose
        // work the count cannot see), and the flow took no more than the figure's requests
        Assert.Equal("in-review", await Api.Status(app, authorizer, id));
        Assert.DoesNotContain(steps, step => step.Contains("POST messages", StringComparison.Ordinal));
        Assert.True(requests <= MostRequests, $"{requests} storage requests:\n{string.Join('\n', steps)}");

        int Step(string step, IReadOnlyList<string> made)
        {
            steps.Add($"{step} ({made.Count}): {string.Join(", ", made).Replace(app.Prefix, "", StringComparison.Ordinal)}");
            return made.Count;
        }
    }
}
