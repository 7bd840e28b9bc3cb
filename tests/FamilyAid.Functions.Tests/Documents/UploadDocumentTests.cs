using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Models;

namespace FamilyAid.Functions.Tests.Documents;

[Collection(AppCollection.Name)]
public sealed class UploadDocumentTests(FamilyAidApp app)
{
    private async Task<(Person Authorizer, Person Member, string Id)> OpenRequest(string region = "guangdong", bool commitmentConfirmed = false)
    {
        var authorizer = await Api.Insured(app, region: region);
        var member = await Api.Insured(app, region: region, insuranceType: "resident");
        return (authorizer, member, await Api.CreateBinding(app, authorizer, member, region: region, commitmentConfirmed: commitmentConfirmed));
    }

    private async Task<byte[]> Content(BlobItem blob)
    {
        var download = await DocumentSamples.Container(app).GetBlobClient(blob.Name).DownloadContentAsync();
        return download.Value.Content.ToArray();
    }

    private static JsonNode DocumentSlot(JsonNode view, string type) =>
        Assert.Single(view["documents"]!.AsArray(), d => d!["type"]!.GetValue<string>() == type)!;

    public static TheoryData<string, string> Formats => new()
    {
        { "jpeg", "image/jpeg" },
        { "png", "image/png" },
        { "pdf", "application/pdf" },
    };

    private static byte[] Sample(string format, int size) => format switch
    {
        "jpeg" => Api.Jpeg(size),
        "png" => DocumentSamples.Png(size),
        _ => DocumentSamples.Pdf(size),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_jpeg_png_or_pdf_is_stored_privately_with_its_digest_and_size(string format, string mediaType)
    {
        // Given an open guangdong request
        var (authorizer, _, id) = await OpenRequest();
        var bytes = Sample(format, 5000);

        // When the authorizer uploads a document of that format
        var response = await Api.Upload(app.As(authorizer.Id), id, "member-id-front", bytes, mediaType);

        // Then the answer carries the type, the SHA-256 of the bytes and their size
        await Api.Expect(response, HttpStatusCode.Created);
        var body = await Api.Json(response);
        Assert.Equal("member-id-front", body["type"]!.GetValue<string>());
        Assert.Equal(DocumentSamples.Sha256(bytes), body["sha256"]!.GetValue<string>());
        Assert.Equal(bytes.Length, body["size"]!.GetValue<long>());

        // And the blob is those very bytes, in the private documents container, typed by its content
        var blob = Assert.Single(await DocumentSamples.Blobs(app, $"{id}/member-id-front/"));
        Assert.Equal(bytes, await Content(blob));
        Assert.Equal(mediaType, blob.Properties.ContentType);
        var container = await DocumentSamples.Container(app).GetPropertiesAsync();
        Assert.Equal(PublicAccessType.None, container.Value.PublicAccess);

        // And the request shows the slot as uploaded
        var view = await Api.Json(await app.As(authorizer.Id).GetAsync($"/api/bindings/{id}"));
        Assert.True(DocumentSlot(view, "member-id-front")["uploaded"]!.GetValue<bool>());
        Assert.False(DocumentSlot(view, "member-id-back")["uploaded"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_bytes_decide_the_type_not_the_header()
    {
        // Given an open request and a PNG
        var (authorizer, _, id) = await OpenRequest();
        var png = DocumentSamples.Png(300);

        // When it is sent labelled as a PDF
        var response = await Api.Upload(app.As(authorizer.Id), id, "hukou-home", png, "application/pdf");

        // Then it is accepted and stored as what it is
        await Api.Expect(response, HttpStatusCode.Created);
        var blob = Assert.Single(await DocumentSamples.Blobs(app, $"{id}/hukou-home/"));
        Assert.Equal("image/png", blob.Properties.ContentType);

        // And a JPEG is a JPEG whatever it is labelled, or if it is not labelled at all
        var jpeg = Api.Jpeg(300);
        await Api.Expect(await Api.Upload(app.As(authorizer.Id), id, "hukou-member", jpeg, "text/plain"), HttpStatusCode.Created);
        var unlabelled = new ByteArrayContent(jpeg);
        Assert.Null(unlabelled.Headers.ContentType);
        await Api.Expect(await app.As(authorizer.Id).PutAsync($"/api/bindings/{id}/documents/member-id-back", unlabelled), HttpStatusCode.Created);
        Assert.Equal("image/jpeg", Assert.Single(await DocumentSamples.Blobs(app, $"{id}/member-id-back/")).Properties.ContentType);
    }

    [Fact]
    public async Task Text_labelled_as_a_jpeg_is_refused_and_not_stored()
    {
        var (authorizer, _, id) = await OpenRequest();

        var response = await Api.Upload(app.As(authorizer.Id), id, "hukou-home", DocumentSamples.Text(500), "image/jpeg");

        await Api.ExpectProblem(response, HttpStatusCode.UnsupportedMediaType, "unsupported-document");
        Assert.Empty(await DocumentSamples.Blobs(app, $"{id}/"));
        var view = await Api.Json(await app.As(authorizer.Id).GetAsync($"/api/bindings/{id}"));
        Assert.False(DocumentSlot(view, "hukou-home")["uploaded"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_empty_body_is_refused()
    {
        var (authorizer, _, id) = await OpenRequest();

        var response = await Api.Upload(app.As(authorizer.Id), id, "hukou-home", [], "image/jpeg");

        await Api.ExpectProblem(response, HttpStatusCode.UnsupportedMediaType, "unsupported-document");
        Assert.Empty(await DocumentSamples.Blobs(app, $"{id}/"));
    }

    [Fact]
    public async Task An_unknown_document_type_is_a_bad_request()
    {
        var (authorizer, _, id) = await OpenRequest();

        var response = await Api.Upload(app.As(authorizer.Id), id, "passport", Api.Jpeg());

        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("type", problem["field"]?.GetValue<string>());
        Assert.Empty(await DocumentSamples.Blobs(app, $"{id}/"));
    }

    [Fact]
    public async Task A_document_of_exactly_the_limit_is_accepted()
    {
        var (authorizer, _, id) = await OpenRequest();
        var bytes = Api.Jpeg((int)FamilyAidApp.DocumentLimit);

        var response = await Api.Upload(app.As(authorizer.Id), id, "hukou-member", bytes);

        await Api.Expect(response, HttpStatusCode.Created);
        Assert.Equal(FamilyAidApp.DocumentLimit, (await Api.Json(response))["size"]!.GetValue<long>());
        Assert.Equal(bytes, await Content(Assert.Single(await DocumentSamples.Blobs(app, $"{id}/"))));
    }

    [Fact]
    public async Task One_byte_over_the_limit_with_a_content_length_is_refused_and_not_stored()
    {
        var (authorizer, _, id) = await OpenRequest();

        var response = await Api.Upload(app.As(authorizer.Id), id, "hukou-member", Api.Jpeg((int)FamilyAidApp.DocumentLimit + 1));

        await Api.ExpectProblem(response, HttpStatusCode.RequestEntityTooLarge, "document-too-large");
        Assert.Empty(await DocumentSamples.Blobs(app, $"{id}/"));
    }

    [Fact]
    public async Task A_streamed_document_without_a_length_is_held_to_the_same_limit()
    {
        // Given an open request
        var (authorizer, _, id) = await OpenRequest();
        var client = app.As(authorizer.Id);

        // When one document of exactly the limit and one a byte over it are streamed without a Content-Length
        var exact = Api.Jpeg((int)FamilyAidApp.DocumentLimit);
        var fits = await client.PutAsync($"/api/bindings/{id}/documents/hukou-home", Streamed(exact));
        var over = await client.PutAsync($"/api/bindings/{id}/documents/hukou-member", Streamed(Api.Jpeg((int)FamilyAidApp.DocumentLimit + 1)));

        // Then the first is stored whole, and the second is refused with nothing left behind
        await Api.Expect(fits, HttpStatusCode.Created);
        Assert.Equal(DocumentSamples.Sha256(exact), (await Api.Json(fits))["sha256"]!.GetValue<string>());
        await Api.ExpectProblem(over, HttpStatusCode.RequestEntityTooLarge, "document-too-large");
        Assert.Empty(await DocumentSamples.Blobs(app, $"{id}/hukou-member/"));
        var view = await Api.Json(await client.GetAsync($"/api/bindings/{id}"));
        Assert.False(DocumentSlot(view, "hukou-member")["uploaded"]!.GetValue<bool>());
    }

    internal static StreamContent Streamed(byte[] bytes)
    {
        var content = new StreamContent(new UnseekableStream(bytes), 4096);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        Assert.Null(content.Headers.ContentLength);
        return content;
    }

    [Fact]
    public async Task A_second_upload_of_a_type_replaces_the_first()
    {
        // Given a request with a commitment letter uploaded
        var (authorizer, _, id) = await OpenRequest();
        var client = app.As(authorizer.Id);
        await Api.Expect(await Api.Upload(client, id, "commitment-letter", DocumentSamples.Pdf(700), "application/pdf"), HttpStatusCode.Created);

        // When another letter is uploaded for the same slot
        var second = DocumentSamples.Pdf(900);
        var response = await Api.Upload(client, id, "commitment-letter", second, "application/pdf");

        // Then the request points at the new one, and the replaced scan is not kept
        await Api.Expect(response, HttpStatusCode.Created);
        var view = await Api.Json(await client.GetAsync($"/api/bindings/{id}"));
        var slot = DocumentSlot(view, "commitment-letter");
        Assert.True(slot["uploaded"]!.GetValue<bool>());
        Assert.Equal(DocumentSamples.Sha256(second), slot["sha256"]!.GetValue<string>());
        Assert.Equal(900, slot["size"]!.GetValue<long>());
        var kept = Assert.Single(await DocumentSamples.Blobs(app, $"{id}/commitment-letter/"));
        Assert.Equal(900, kept.Properties.ContentLength);
    }

    [Fact]
    public async Task Uploads_of_one_type_at_once_keep_only_the_scan_the_request_points_at()
    {
        // Given a request with a commitment letter uploaded
        var (authorizer, _, id) = await OpenRequest();
        var client = app.As(authorizer.Id);
        await Api.Expect(await Api.Upload(client, id, "commitment-letter", DocumentSamples.Pdf(700), "application/pdf"), HttpStatusCode.Created);

        // When eight more letters are uploaded for the same slot at once (each replaces whichever commit came before it)
        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Api.Upload(client, id, "commitment-letter", DocumentSamples.Pdf(700 + i), "application/pdf")));

        // Then every upload is answered, and the one scan kept is the one the request points at
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var slot = DocumentSlot(await Api.Json(await client.GetAsync($"/api/bindings/{id}")), "commitment-letter");
        var kept = Assert.Single(await DocumentSamples.Blobs(app, $"{id}/commitment-letter/"));
        Assert.Equal(slot["size"]!.GetValue<long>(), kept.Properties.ContentLength);
    }

    [Fact]
    public async Task Documents_are_locked_once_the_request_is_submitted()
    {
        // Given a guangdong request with every document, submitted
        var (authorizer, _, id) = await OpenRequest();
        await Api.UploadAll(app, authorizer, id);
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null), HttpStatusCode.Accepted);
        var before = (await DocumentSamples.Blobs(app, $"{id}/")).Count;

        // When the authorizer uploads again
        var response = await Api.Upload(app.As(authorizer.Id), id, "member-id-front", Api.Jpeg());

        // Then it is refused and nothing new is stored
        await Api.ExpectProblem(response, HttpStatusCode.Conflict, "documents-locked");
        Assert.Equal(before, (await DocumentSamples.Blobs(app, $"{id}/")).Count);
    }

    [Fact]
    public async Task A_gansu_sharing_request_takes_no_documents()
    {
        var (authorizer, _, id) = await OpenRequest(region: "gansu", commitmentConfirmed: true);

        var response = await Api.Upload(app.As(authorizer.Id), id, "commitment-letter", DocumentSamples.Pdf(), "application/pdf");

        await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "document-not-required");
        Assert.Empty(await DocumentSamples.Blobs(app, $"{id}/"));
    }

    [Fact]
    public async Task Only_the_authorizer_uploads_and_a_stranger_is_not_told_the_request_exists()
    {
        // Given an open request
        var (_, member, id) = await OpenRequest();
        var stranger = await Api.Insured(app);

        // When the member and a stranger try to upload
        var byMember = await Api.Upload(app.As(member.Id), id, "member-id-front", Api.Jpeg());
        var byStranger = await Api.Upload(app.As(stranger.Id), id, "member-id-front", Api.Jpeg());

        // Then the member may not, the stranger sees nothing, and nothing is stored
        await Api.ExpectProblem(byMember, HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(byStranger, HttpStatusCode.NotFound, "not-found");
        var unknown = await Api.Upload(app.As(stranger.Id), "0123456789abcdef0123456789abcdef", "member-id-front", Api.Jpeg());
        Assert.Equal(WithoutTrace(await Api.Json(unknown)), WithoutTrace(await Api.Json(byStranger)));
        Assert.Empty(await DocumentSamples.Blobs(app, $"{id}/"));
    }

    private static string WithoutTrace(JsonNode problem)
    {
        problem.AsObject().Remove("traceId");
        return problem.ToJsonString();
    }

    [Fact]
    public async Task An_anonymous_upload_is_unauthorized()
    {
        var (_, _, id) = await OpenRequest();

        var response = await Api.Upload(app.Anonymous(), id, "member-id-front", Api.Jpeg());

        await Api.ExpectProblem(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Empty(await DocumentSamples.Blobs(app, $"{id}/"));
    }
}
