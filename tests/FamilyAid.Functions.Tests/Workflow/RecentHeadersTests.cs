namespace FamilyAid.Functions.Tests.Workflow;

/// <summary>Another instance of an app on the same storage, as the Functions host runs several when it scales out.</summary>
public sealed class OtherInstance(string prefix) : FamilyAidApp
{
    protected override void Adjust(Dictionary<string, string?> settings) => settings["Storage:Prefix"] = prefix;
}

/// <summary>Decision 39: an instance decides a command on the header it committed or read last; when another instance
/// changed the request since, the answer is still the one storage's header gives.</summary>
public sealed class RecentHeadersTests
{
    [Fact]
    public async Task A_change_decided_on_a_header_another_instance_moved_on_is_decided_again_on_storages()
    {
        // Given a request created through the first instance (which holds its header) and cancelled through the second
        await using var first = new PrivateApp();
        await using var second = new OtherInstance(first.Prefix);
        var authorizer = await Api.Insured(first);
        var member = await Api.Insured(first, insuranceType: "resident");
        var id = await Api.CreateBinding(first, authorizer, member);
        await Api.Expect(await second.As(authorizer.Id).PostAsync($"/api/bindings/{id}/cancel", null), HttpStatusCode.OK);

        // When the authorizer uploads a document through the first instance
        var upload = await Api.Upload(first.As(authorizer.Id), id, "commitment-letter", Api.Jpeg(2048));

        // Then it is refused as storage's request says, nothing is recorded and the scan is not kept
        await Api.ExpectProblem(upload, HttpStatusCode.Conflict, "documents-locked");
        Assert.Equal(["requested", "cancelled"], await WorkflowSteps.Timeline(first, authorizer, id));
        Assert.Empty(await Documents.DocumentSamples.Blobs(first, $"{id}/"));
    }

    [Fact]
    public async Task A_refusal_decided_on_a_held_header_is_checked_against_storages()
    {
        // Given a request created through the first instance (which holds it with no documents), whose documents were
        // all uploaded through the second
        await using var first = new PrivateApp();
        await using var second = new OtherInstance(first.Prefix);
        var authorizer = await Api.Insured(first);
        var member = await Api.Insured(first, insuranceType: "resident");
        var id = await Api.CreateBinding(first, authorizer, member);
        await Api.UploadAll(second, authorizer, id);

        // When the authorizer submits through the first instance
        var submit = await first.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null);

        // Then it is accepted: the documents storage holds count, not the ones the first instance saw
        await Api.Expect(submit, HttpStatusCode.Accepted);
        Assert.Equal("in-review", await Api.Status(first, authorizer, id));
    }
}
