using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Web;
using FamilyAid.Functions.Tests.Security;

namespace FamilyAid.Functions.Tests.Review;

/// <summary>An app whose clock starts at the real time: Azurite checks link expiry by the real clock.</summary>
public sealed class ReviewApp() : ConfiguredApp(s => s["Storage:Prefix"] = NewPrefix("review"), WholeSeconds(DateTimeOffset.UtcNow))
{
    public static DateTimeOffset WholeSeconds(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}

/// <summary><c>GET /api/review/bindings/{id}</c>: a reviewer of the request's region reads it, with short-lived read-only links to its documents.</summary>
public sealed class ReviewBindingTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private static readonly HttpClient Plain = new();

    private static byte[] Png()
    {
        var bytes = new byte[300];
        Random.Shared.NextBytes(bytes);
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] Pdf()
    {
        var bytes = new byte[500];
        Random.Shared.NextBytes(bytes);
        "%PDF-1.7"u8.CopyTo(bytes);
        return bytes;
    }

    /// <summary>A request in guangdong with three of its seven documents uploaded.</summary>
    private static async Task<(Person Authorizer, Person Member, string Id, Dictionary<string, (byte[] Bytes, string ContentType)> Uploaded)> RequestWithSomeDocuments(FamilyAidApp on)
    {
        var authorizer = await Api.Insured(on);
        var member = await Api.Insured(on, insuranceType: "resident");
        var id = await Api.CreateBinding(on, authorizer, member);
        var uploaded = new Dictionary<string, (byte[], string)>
        {
            ["authorizer-id-front"] = (Api.Jpeg(2048), "image/jpeg"),
            ["hukou-home"] = (Png(), "image/png"),
            ["commitment-letter"] = (Pdf(), "application/pdf"),
        };
        foreach (var (type, (bytes, contentType)) in uploaded)
        {
            await Api.Expect(await Api.Upload(on.As(authorizer.Id), id, type, bytes, contentType), HttpStatusCode.Created);
        }

        return (authorizer, member, id, uploaded);
    }

    private static async Task<JsonNode> Read(HttpClient reviewer, string id)
    {
        var response = await reviewer.GetAsync($"/api/review/bindings/{id}");
        await Api.Expect(response, HttpStatusCode.OK);
        return await Api.Json(response);
    }

    private static JsonNode Document(JsonNode view, string type) =>
        view["documents"]!.AsArray().Single(d => d!["type"]!.GetValue<string>() == type)!;

    [Fact]
    public async Task A_reviewer_of_the_region_gets_links_that_download_exactly_the_uploaded_documents()
    {
        // Given a request with three documents uploaded and four not
        var (authorizer, member, id, uploaded) = await RequestWithSomeDocuments(app);

        // When a reviewer of guangdong reads it
        var view = await Read(app.Reviewer("guangdong"), id);

        // Then it is the request as the applicant sees it, with who is involved
        Assert.Equal(id, view["binding"]!["id"]!.GetValue<string>());
        Assert.Equal(authorizer.Id, view["authorizerId"]!.GetValue<string>());
        Assert.Equal(member.Id, view["memberId"]!.GetValue<string>());
        Assert.Equal(member.ResidentId[..6] + "********" + member.ResidentId[14..], view["binding"]!["member"]!["residentIdMasked"]!.GetValue<string>());
        Assert.DoesNotContain(member.ResidentId, view.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(authorizer.ResidentId, view.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        // And each uploaded document has a link, valid for five minutes by the app's clock, that downloads exactly its bytes
        var expected = app.AppClock.GetUtcNow().AddMinutes(5);
        Assert.Equal(Api.AllDocuments, view["documents"]!.AsArray().Select(d => d!["type"]!.GetValue<string>()));
        foreach (var (type, (bytes, contentType)) in uploaded)
        {
            var document = Document(view, type);
            Assert.True(document["uploaded"]!.GetValue<bool>());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), document["sha256"]!.GetValue<string>());
            Assert.Equal(bytes.Length, document["size"]!.GetValue<long>());
            Assert.Equal(expected, document["urlExpiresAt"]!.GetValue<DateTimeOffset>());

            var url = new Uri(document["url"]!.GetValue<string>());
            var query = HttpUtility.ParseQueryString(url.Query);
            Assert.Equal("r", query["sp"]);
            Assert.Equal(expected, DateTimeOffset.Parse(query["se"]!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(id, url.AbsolutePath, StringComparison.Ordinal);

            var download = await Plain.GetAsync(url);
            Assert.True(download.IsSuccessStatusCode, $"{type}: the link was refused with {(int)download.StatusCode}: {await download.Content.ReadAsStringAsync()}");
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal(contentType, download.Content.Headers.ContentType?.MediaType);
        }

        // And a document not uploaded has no link
        foreach (var type in Api.AllDocuments.Except(uploaded.Keys))
        {
            var document = Document(view, type);
            Assert.False(document["uploaded"]!.GetValue<bool>());
            Assert.Null(document["url"]);
            Assert.Null(document["urlExpiresAt"]);
        }
    }

    [Fact]
    public async Task A_link_only_reads_and_the_blob_without_it_is_private()
    {
        // Given a link to one document
        var (_, _, id, uploaded) = await RequestWithSomeDocuments(app);
        var url = new Uri(Document(await Read(app.Reviewer("guangdong"), id), "hukou-home")["url"]!.GetValue<string>());
        var original = uploaded["hukou-home"].Bytes;

        // When someone tries to overwrite or delete the blob with it
        var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(Api.Jpeg()) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        var overwrite = await Plain.SendAsync(put);
        var delete = await Plain.DeleteAsync(url);

        // Then storage refuses both
        Assert.Equal(HttpStatusCode.Forbidden, overwrite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);

        // And a link whose permissions were widened by hand is refused as well
        var widened = new UriBuilder(url) { Query = url.Query.TrimStart('?').Replace("sp=r", "sp=rwd", StringComparison.Ordinal) }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, (await Plain.DeleteAsync(widened)).StatusCode);

        // And the blob without the link's signature is not readable at all (private container)
        var bare = await Plain.GetAsync(url.GetLeftPart(UriPartial.Path));
        Assert.False(bare.IsSuccessStatusCode, $"The blob is public: {(int)bare.StatusCode}");
        Assert.Contains(bare.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });

        // And the document is still what was uploaded
        Assert.Equal(original, await Plain.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task A_link_stops_working_when_it_expires()
    {
        // Given an app whose clock is ten minutes behind, so the links it issues expired five minutes ago
        await using var late = new ConfiguredApp(
            s => s["Storage:Prefix"] = ConfiguredApp.NewPrefix("late"), ReviewApp.WholeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10)));
        var (_, _, id, _) = await RequestWithSomeDocuments(late);
        var document = Document(await Read(late.Reviewer("guangdong"), id), "hukou-home");

        // When the link is used
        Assert.True(document["urlExpiresAt"]!.GetValue<DateTimeOffset>() < DateTimeOffset.UtcNow);
        var download = await Plain.GetAsync(document["url"]!.GetValue<string>());

        // Then storage refuses it
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
    }

    [Fact]
    public async Task Only_a_reviewer_of_the_region_reads_a_request_here()
    {
        // Given a request in guangdong
        var (authorizer, member, id, _) = await RequestWithSomeDocuments(app);
        var url = $"/api/review/bindings/{id}";

        // When others ask for it
        // Then a reviewer of another region, a stranger, an admin and an institution are told it does not exist
        foreach (var client in new[]
                 {
                     app.Reviewer("gansu"), app.Reviewer("national"), app.As((await Api.Insured(app)).Id), app.Admin(),
                     app.As("inst-review", "institution", institution: "inst-review"),
                 })
        {
            await Api.ExpectProblem(await client.GetAsync(url), HttpStatusCode.NotFound, "not-found");
        }

        // And the authorizer and the member, who know it, may not read it here
        await Api.ExpectProblem(await app.As(authorizer.Id).GetAsync(url), HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(await app.As(member.Id).GetAsync(url), HttpStatusCode.Forbidden, "forbidden");

        // And without a token nobody is known, and an unknown request is not found
        await Api.ExpectProblem(await app.Anonymous().GetAsync(url), HttpStatusCode.Unauthorized, "unauthorized");
        await Api.ExpectProblem(await app.Reviewer("guangdong").GetAsync("/api/review/bindings/no-such-request"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_request_with_no_document_uploaded_has_no_links()
    {
        // Given a request with no document yet
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);

        // When a reviewer reads it
        var view = await Read(app.Reviewer("guangdong"), id);

        // Then every document slot is there, none uploaded and none with a link
        Assert.Equal(Api.AllDocuments, view["documents"]!.AsArray().Select(d => d!["type"]!.GetValue<string>()));
        Assert.All(view["documents"]!.AsArray(), d =>
        {
            Assert.False(d!["uploaded"]!.GetValue<bool>());
            Assert.Null(d["url"]);
            Assert.Null(d["urlExpiresAt"]);
        });
    }
}
