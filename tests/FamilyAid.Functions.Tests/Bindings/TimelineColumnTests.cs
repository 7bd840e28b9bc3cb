using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Bindings.Workflow;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Bindings;

/// <summary>Decision 40: a request's header keeps its timeline beside the events, so that <c>GET</c> reads one row; a
/// header that keeps none (written before, or a timeline too long for a column) is read with its events.</summary>
[Collection(AppCollection.Name)]
public sealed class TimelineColumnTests(FamilyAidApp app)
{
    private Tables Tables => app.Services.GetRequiredService<Tables>();

    private async Task<JsonNode> Timeline(Person authorizer, string id) =>
        (await Api.Json(await app.As(authorizer.Id).GetAsync($"/api/bindings/{id}")))["timeline"]!;

    // A commitment letter recorded through the store's fresh read (as another instance would), not through HTTP.
    private async Task RecordLetter(string id, int n)
    {
        var decider = app.Services.GetRequiredService<BindingDecider>();
        var document = new UploadedDocument($"{id}/commitment-letter/{n}", new string('0', 64), 10, "image/jpeg", app.Clock.GetUtcNow());
        await app.Services.GetRequiredService<BindingStreamStore>().Execute(
            id, null, s => decider.Decide(s, new RecordDocument(Domain.Policy.DocumentType.CommitmentLetter, document), app.Clock.GetUtcNow()), CancellationToken.None);
    }

    [Fact]
    public async Task A_request_read_shows_the_timeline_its_header_keeps_which_its_events_tell_too()
    {
        // Given a request with two documents and then cancelled
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        await Api.UploadEach(app, authorizer, id, ["member-id-front", "member-id-back"]);
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/cancel", null), HttpStatusCode.OK);

        // When it is read, and when it is read again after its header has lost the timeline column
        var kept = await Timeline(authorizer, id);
        var header = (await Tables.Bindings.GetEntityAsync<TableEntity>(id, Keys.Header)).Value;
        Assert.NotNull(header.GetString("Timeline"));
        header.Remove("Timeline");
        await Tables.Bindings.UpdateEntityAsync(header, header.ETag, TableUpdateMode.Replace);
        var fromEvents = await Timeline(authorizer, id);

        // Then both show the same steps, with the policy version on the first
        Assert.Equal(["requested", "document-uploaded", "document-uploaded", "cancelled"], kept.AsArray().Select(e => e!["event"]!.GetValue<string>()));
        Assert.NotNull(kept[0]!["policyVersion"]);
        Assert.True(JsonNode.DeepEquals(kept, fromEvents), $"{kept.ToJsonString()}\n{fromEvents.ToJsonString()}");
    }

    [Fact]
    public async Task A_header_written_without_the_column_keeps_none_and_its_timeline_is_read_from_its_events()
    {
        // Given a request whose header was written by a build that kept no timeline
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        var header = (await Tables.Bindings.GetEntityAsync<TableEntity>(id, Keys.Header)).Value;
        header.Remove("Timeline");
        await Tables.Bindings.UpdateEntityAsync(header, header.ETag, TableUpdateMode.Replace);

        // When a document is recorded on it (on a fresh read)
        await RecordLetter(id, 0);

        // Then its header still keeps none (a part would be wrong), and a read shows the whole timeline
        Assert.Null((await Tables.Bindings.GetEntityAsync<TableEntity>(id, Keys.Header)).Value.GetString("Timeline"));
        Assert.Equal(["requested", "document-uploaded"], (await Timeline(authorizer, id)).AsArray().Select(e => e!["event"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_timeline_too_long_for_a_column_is_read_from_the_events()
    {
        // Given a request whose commitment letter was recorded again and again until its timeline outgrew the column
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        var times = (BindingStreamStore.TimelineColumnLimit / 60) + 1;
        for (var i = 0; i < times; i++)
        {
            await RecordLetter(id, i);
        }

        // When it is read
        var timeline = (await Timeline(authorizer, id)).AsArray();

        // Then its header keeps no timeline, and the read shows every step from the events
        Assert.Null((await Tables.Bindings.GetEntityAsync<TableEntity>(id, Keys.Header)).Value.GetString("Timeline"));
        Assert.Equal(times + 1, timeline.Count);
        Assert.Equal("requested", timeline[0]!["event"]!.GetValue<string>());
    }
}
