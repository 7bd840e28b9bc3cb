using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Workflow;

/// <summary>A header's snapshot is a cache of its events: one written by an older build, in a shape this build does
/// not read, is rebuilt from the events instead of failing every request on it.</summary>
[Collection(AppCollection.Name)]
public sealed class SnapshotShapeTests(FamilyAidApp app)
{
    [Fact]
    public async Task A_snapshot_in_an_older_shape_is_rebuilt_from_the_events_and_rewritten_by_the_next_commit()
    {
        // Given an open request whose stored snapshot carries a property this build no longer has
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        var tables = app.Services.GetRequiredService<Tables>();
        var header = (await tables.Bindings.GetEntityAsync<TableEntity>(id, Keys.Header)).Value;
        var snapshot = JsonNode.Parse(header.GetString("Snapshot")!)!.AsObject();
        snapshot["inReview"] = false;
        header["Snapshot"] = snapshot.ToJsonString();
        await tables.Bindings.UpdateEntityAsync(header, header.ETag, TableUpdateMode.Replace);

        // When the authorizer reads it, then cancels it
        var read = await app.As(authorizer.Id).GetAsync($"/api/bindings/{id}");
        var cancel = await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/cancel", null);

        // Then both work on the state the events give, and the commit wrote the snapshot in the current shape
        await Api.Expect(read, HttpStatusCode.OK);
        Assert.Equal("awaiting-documents", (await Api.Json(read))["status"]!.GetValue<string>());
        await Api.Expect(cancel, HttpStatusCode.OK);
        var rewritten = (await tables.Bindings.GetEntityAsync<TableEntity>(id, Keys.Header)).Value.GetString("Snapshot")!;
        Assert.DoesNotContain("inReview", rewritten, StringComparison.Ordinal);
        Assert.Equal("cancelled", (await Api.Json(await app.As(authorizer.Id).GetAsync($"/api/bindings/{id}")))["status"]!.GetValue<string>());
    }
}
