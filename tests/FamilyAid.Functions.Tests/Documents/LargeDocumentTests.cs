namespace FamilyAid.Functions.Tests.Documents;

/// <summary>A limit above the 1 MiB block the app streams to storage in, so a refused document has blocks staged already.</summary>
public sealed class LargeLimitApp : PrivateApp
{
    public const int Limit = 1536 * 1024;

    protected override void Adjust(Dictionary<string, string?> settings)
    {
        base.Adjust(settings);
        settings["Documents:MaxBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class LargeDocumentTests(LargeLimitApp app) : IClassFixture<LargeLimitApp>
{
    [Fact]
    public async Task A_streamed_document_refused_after_a_block_was_staged_leaves_nothing_behind()
    {
        // Given an open request, and a limit of 1.5 MiB
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        var client = app.As(authorizer.Id);

        // When 1.5 MiB and then 1.5 MiB + 1 byte are streamed without a Content-Length
        var exact = Api.Jpeg(LargeLimitApp.Limit);
        var fits = await client.PutAsync($"/api/bindings/{id}/documents/hukou-home", UploadDocumentTests.Streamed(exact));
        var over = await client.PutAsync($"/api/bindings/{id}/documents/hukou-member", UploadDocumentTests.Streamed(Api.Jpeg(LargeLimitApp.Limit + 1)));

        // Then the first is stored whole across blocks, and the second leaves no blob, committed or not
        await Api.Expect(fits, HttpStatusCode.Created);
        var stored = Assert.Single(await DocumentSamples.Blobs(app, $"{id}/hukou-home/"));
        Assert.Equal(LargeLimitApp.Limit, stored.Properties.ContentLength);
        Assert.Equal(DocumentSamples.Sha256(exact), (await Api.Json(fits))["sha256"]!.GetValue<string>());
        await Api.ExpectProblem(over, HttpStatusCode.RequestEntityTooLarge, "document-too-large");
        Assert.Empty(await DocumentSamples.Blobs(app, $"{id}/hukou-member/"));
    }
}
