using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FamilyAid.Domain.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Bindings;

/// <summary>Raw requests for the binding, insured and caller tests: exact bytes, headers and keys.</summary>
public static class Send
{
    /// <summary>Posts <paramref name="json"/> as it is, with an optional Idempotency-Key.</summary>
    public static Task<HttpResponseMessage> Json(
        HttpClient client, string url, string json, string? key = null, string contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Bytes(client, url, content, key);
    }

    /// <summary>Posts prepared content, with an optional Idempotency-Key.</summary>
    public static Task<HttpResponseMessage> Bytes(HttpClient client, string url, HttpContent? content, string? key = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (key is not null)
        {
            Assert.True(message.Headers.TryAddWithoutValidation("Idempotency-Key", key));
        }

        return client.SendAsync(message);
    }

    /// <summary><c>POST /api/bindings</c> with this body and key.</summary>
    public static Task<HttpResponseMessage> Create(HttpClient client, JsonNode body, string? key = null) =>
        Json(client, "/api/bindings", body.ToJsonString(), key);

    /// <summary>The body <see cref="Api.BindingBody"/> makes, as JSON to change.</summary>
    public static JsonObject Body(
        Person member, string kind = "sharing", string region = "guangdong", string relation = "child", bool commitmentConfirmed = false) =>
        JsonSerializer.SerializeToNode(Api.BindingBody(member, kind, region, relation, commitmentConfirmed), Api.JsonOptions)!.AsObject();

    /// <summary>An admin upsert body for this person, as JSON to change.</summary>
    public static JsonObject InsuredBody(
        string residentId, string name = "张三", string phone = "13912345678", string insuranceType = "employee",
        string status = "normal", string region = "guangdong", long personalAccountFen = 100_000) => new()
        {
            ["residentId"] = residentId,
            ["name"] = name,
            ["phone"] = phone,
            ["insuranceType"] = insuranceType,
            ["status"] = status,
            ["region"] = region,
            ["personalAccountFen"] = personalAccountFen,
        };

    /// <summary>Seventeen digits completed with their correct check character (so only what the digits say can be wrong).</summary>
    public static string WithCheck(string first17) => first17 + ResidentId.CheckCharacterFor(first17);

    /// <summary>A valid resident ID whose check character is <c>X</c>.</summary>
    public static string EndingInX()
    {
        while (true)
        {
            var id = TestIds.Adult();
            if (id[17] == 'X')
            {
                return id;
            }
        }
    }

    /// <summary>The <c>id</c> of a 201 answer.</summary>
    public static async Task<string> CreatedId(HttpResponseMessage response)
    {
        await Api.Expect(response, HttpStatusCode.Created);
        return (await Api.Json(response))["id"]!.GetValue<string>();
    }

    /// <summary>The <c>status</c> member of an answer.</summary>
    public static async Task<string> Status(HttpResponseMessage response) => (await Api.Json(response))["status"]!.GetValue<string>();

    /// <summary>The caller's request ids from <c>GET /api/bindings</c>.</summary>
    public static async Task<List<string>> ListedIds(HttpClient client)
    {
        var response = await client.GetAsync("/api/bindings");
        await Api.Expect(response, HttpStatusCode.OK);
        return (await Api.Json(response)).AsArray().Select(b => b!["id"]!.GetValue<string>()).ToList();
    }

    /// <summary>The request as its authorizer sees it.</summary>
    public static async Task<JsonNode> View(HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/bindings/{id}");
        await Api.Expect(response, HttpStatusCode.OK);
        return await Api.Json(response);
    }

    /// <summary>Waits until the relationship an approved request grants is active: activation is a side effect
    /// of the approval that may land after the answer (docs/API.md: the status may move on after the answer).</summary>
    public static async Task RelationshipActive(FamilyAidApp app, string authorizerId, string memberId, string kind)
    {
        var store = app.Services.GetRequiredService<FamilyAid.Functions.Relationships.RelationshipStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var active = await store.Active(authorizerId, CancellationToken.None);
            if (active.Any(r => r.AuthorizerId == authorizerId && r.MemberId == memberId &&
                                string.Equals(r.Kind.ToString(), kind, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"The {kind} relationship was not active 10 s after its request was approved.");
    }

    /// <summary>Strings of a JSON array member.</summary>
    public static List<string> Strings(JsonNode? array) => array!.AsArray().Select(x => x!.GetValue<string>()).ToList();
}
