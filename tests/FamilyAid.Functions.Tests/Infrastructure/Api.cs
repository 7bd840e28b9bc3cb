using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FamilyAid.Functions.Tests.Infrastructure;

/// <summary>A person registered through the admin endpoint.</summary>
public sealed record Person(string Id, string ResidentId, string Name, string Phone);

/// <summary>Small steps of the API that many tests take.</summary>
public static class Api
{
    private static int counter;

    public static async Task<Person> Insured(
        FamilyAidApp app, string region = "guangdong", string insuranceType = "employee", string status = "normal",
        DateOnly? birthDate = null, long personalAccountFen = 100_000)
    {
        var residentId = birthDate is { } b ? TestIds.Born(b) : TestIds.Adult();
        var name = $"测试{Interlocked.Increment(ref counter)}";
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var response = await app.Admin().PostAsJsonAsync("/api/admin/insured", new
        {
            residentId, name, phone, insuranceType, status, region, personalAccountFen,
        });
        await Expect(response, HttpStatusCode.Created);
        var body = await Json(response);
        return new Person(body["id"]!.GetValue<string>(), residentId, name, phone);
    }

    public static object BindingBody(Person member, string kind = "sharing", string region = "guangdong", string relation = "child", bool commitmentConfirmed = false) => new
    {
        kind, region, relation, member = new { residentId = member.ResidentId, name = member.Name, phone = member.Phone }, commitmentConfirmed,
    };

    public static async Task<string> CreateBinding(
        FamilyAidApp app, Person authorizer, Person member, string kind = "sharing", string region = "guangdong", string relation = "child",
        bool commitmentConfirmed = false)
    {
        var response = await app.As(authorizer.Id).PostAsJsonAsync("/api/bindings", BindingBody(member, kind, region, relation, commitmentConfirmed));
        await Expect(response, HttpStatusCode.Created);
        return (await Json(response))["id"]!.GetValue<string>();
    }

    /// <summary>Bytes that are a JPEG by their signature.</summary>
    public static byte[] Jpeg(int size = 64)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        return bytes;
    }

    public static async Task<HttpResponseMessage> Upload(HttpClient client, string bindingId, string type, byte[] bytes, string contentType = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return await client.PutAsync($"/api/bindings/{bindingId}/documents/{type}", content);
    }

    public static readonly string[] AllDocuments =
        ["authorizer-id-front", "authorizer-id-back", "member-id-front", "member-id-back", "hukou-home", "hukou-member", "commitment-letter"];

    public static Task UploadAll(FamilyAidApp app, Person authorizer, string bindingId) => UploadEach(app, authorizer, bindingId, AllDocuments);

    /// <summary>The 户口本 pages: what proves the relation of a member under 16, who has no face check.</summary>
    public static readonly string[] HukouPages = ["hukou-home", "hukou-member"];

    /// <summary>Uploads a scan of each of <paramref name="types"/>, expecting 201 for each.</summary>
    public static async Task UploadEach(FamilyAidApp app, Person authorizer, string bindingId, IEnumerable<string> types)
    {
        var client = app.As(authorizer.Id);
        foreach (var type in types)
        {
            await Expect(await Upload(client, bindingId, type, Jpeg()), HttpStatusCode.Created);
        }
    }

    public static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    /// <summary>Asserts the status, showing the body when it is not the expected one.</summary>
    public static async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            Assert.Fail($"Expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Asserts an RFC 9457 problem with this status and code.</summary>
    public static async Task<JsonNode> ExpectProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        await Expect(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await Json(response);
        Assert.Equal(code, body["code"]?.GetValue<string>());
        Assert.Equal((int)status, body["status"]?.GetValue<int>());
        Assert.DoesNotContain("   at ", body.ToJsonString(), StringComparison.Ordinal);
        return body;
    }

    /// <summary>Waits (up to 15 s, or <paramref name="within"/>) for something the workflow does after answering, e.g. an effect from the queue.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow.Add(within ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Plays the face-check provider: a signed callback for <paramref name="sessionId"/>, at the app's clock time.</summary>
    public static async Task<HttpResponseMessage> FaceCheckCallback(
        FamilyAidApp app, string sessionId, string result, double score = 0.9, long? timestamp = null, string secret = FamilyAidApp.CallbackSecret)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { sessionId, result, score }));
        var at = timestamp ?? app.Clock.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/callbacks/face-check") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-FamilyAid-Timestamp", at.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-FamilyAid-Signature", FamilyAid.Functions.Bindings.FaceCheck.CallbackSignature.Sign(secret, at, body));
        return await app.Anonymous().SendAsync(request);
    }

    /// <summary>The request's status as its authorizer sees it.</summary>
    public static async Task<string> Status(FamilyAidApp app, Person authorizer, string bindingId) =>
        (await Json(await app.As(authorizer.Id).GetAsync($"/api/bindings/{bindingId}")))["status"]!.GetValue<string>();

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);
}
