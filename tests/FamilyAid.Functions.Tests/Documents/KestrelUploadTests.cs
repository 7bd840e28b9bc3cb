using System.Net.Sockets;

namespace FamilyAid.Functions.Tests.Documents;

/// <summary>The app behind a real Kestrel, where a chunked body is really chunked and the server meters it too
/// (with storage of its own, so that its trigger runner takes no work from the shared app).</summary>
public sealed class KestrelApp : PrivateApp
{
    public KestrelApp()
    {
        UseKestrel(FreePort());
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class KestrelUploadTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    [Fact]
    public async Task A_chunked_upload_over_the_limit_is_refused_as_too_large_with_nothing_left_behind()
    {
        // Given an open request, on a real HTTP server
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        var client = app.As(authorizer.Id);
        Assert.NotEqual("localhost", client.BaseAddress!.Host);

        // When documents are sent chunked: exactly the limit, a byte over, and far over
        var exact = Api.Jpeg((int)FamilyAidApp.DocumentLimit);
        var fits = await client.PutAsync($"/api/bindings/{id}/documents/hukou-home", UploadDocumentTests.Streamed(exact));
        var justOver = await client.PutAsync($"/api/bindings/{id}/documents/hukou-member", UploadDocumentTests.Streamed(Api.Jpeg((int)FamilyAidApp.DocumentLimit + 1)));
        var farOver = await client.PutAsync($"/api/bindings/{id}/documents/member-id-back", UploadDocumentTests.Streamed(Api.Jpeg((int)FamilyAidApp.DocumentLimit * 3)));

        // Then the first is stored whole and both others are document-too-large, leaving no blob
        await Api.Expect(fits, HttpStatusCode.Created);
        Assert.Equal(DocumentSamples.Sha256(exact), (await Api.Json(fits))["sha256"]!.GetValue<string>());
        await Api.ExpectProblem(justOver, HttpStatusCode.RequestEntityTooLarge, "document-too-large");
        await Api.ExpectProblem(farOver, HttpStatusCode.RequestEntityTooLarge, "document-too-large");
        Assert.Empty(await DocumentSamples.Blobs(app, $"{id}/hukou-member/"));
        Assert.Empty(await DocumentSamples.Blobs(app, $"{id}/member-id-back/"));
    }
}
