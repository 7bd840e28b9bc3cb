using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FamilyAid.Domain.Identity;

namespace FamilyAid.Bench;

/// <summary>A person registered through the admin endpoint, and a client holding their token.</summary>
internal sealed record Person(string Id, string ResidentId, string Name, string Phone);

/// <summary>Complete binding flows through the HTTP API, as the test helpers take them (Api.CreateBinding, Api.UploadAll):
/// create → the seven documents → submit → GET, each flow by its own authorizer.</summary>
internal sealed class HttpFlows(BenchApp app, ConcurrentDictionary<string, int> committed)
{
    public const string Flow = "flow";

    private static readonly string[] Documents =
        ["authorizer-id-front", "authorizer-id-back", "member-id-front", "member-id-back", "hukou-home", "hukou-member", "commitment-letter"];

    private static int serial;

    private readonly HttpClient admin = app.As("bench-admin", "admin");

    /// <summary>Registers people (not timed): 16 at a time, in guangdong, with <paramref name="personalAccountFen"/> on their account.</summary>
    public async Task<IReadOnlyList<Person>> Insured(
        int count, string insuranceType, DateOnly bornFrom, int concurrency, long personalAccountFen = 100_000, string region = "guangdong")
    {
        var people = new Person[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                people[i] = await Register(insuranceType, bornFrom, personalAccountFen, region);
            }
        })));
        return people;
    }

    private async Task<Person> Register(string insuranceType, DateOnly bornFrom, long personalAccountFen, string region)
    {
        var n = Interlocked.Increment(ref serial);
        var first17 = string.Create(CultureInfo.InvariantCulture, $"440106{bornFrom.AddDays(n / 1000):yyyyMMdd}{n % 1000:D3}");
        var residentId = first17 + ResidentId.CheckCharacterFor(first17);
        var name = string.Create(CultureInfo.InvariantCulture, $"压测{n}");
        var phone = string.Create(CultureInfo.InvariantCulture, $"139{10_000_000 + n:D8}");
        var response = await admin.PostAsJsonAsync("/api/admin/insured", new
        {
            residentId, name, phone, insuranceType, status = "normal", region, personalAccountFen,
        });
        var body = await Expect(response, HttpStatusCode.Created, "register insured");
        return new Person(body["id"]!.GetValue<string>(), residentId, name, phone);
    }

    /// <summary>Flows while <paramref name="go"/> says so and authorizers are left; each flow is timed whole and by step.</summary>
    public async Task Loop(PhaseResult result, Func<bool> go, ConcurrentQueue<Person> authorizers, Person member, Action exhausted)
    {
        while (go())
        {
            if (!authorizers.TryDequeue(out var authorizer))
            {
                exhausted();
                return;
            }

            var client = app.As(authorizer.Id);
            try
            {
                await result.Time(Flow, () => OneFlow(result, client, member));
            }
            catch (Exception)
            {
                // Recorded by the phase; on with the next flow.
            }
        }
    }

    /// <summary>One flow, its storage requests counted by step (see <see cref="StorageCalls"/>).</summary>
    public Task Census(PhaseResult result, Person authorizer, Person member, StorageCalls calls) =>
        OneFlow(result, app.As(authorizer.Id), member, calls);

    private async Task OneFlow(PhaseResult result, HttpClient client, Person member, StorageCalls? calls = null)
    {
        calls?.Begin("POST /bindings");
        var id = await result.Time("POST /bindings", async () =>
        {
            var response = await client.PostAsJsonAsync("/api/bindings", new
            {
                kind = "sharing", region = "guangdong", relation = "child",
                member = new { residentId = member.ResidentId, name = member.Name, phone = member.Phone },
                commitmentConfirmed = false,
            });
            return (await Expect(response, HttpStatusCode.Created, "create"))["id"]!.GetValue<string>();
        }, counted: false);
        committed[id] = 1;

        foreach (var type in Documents)
        {
            calls?.Begin("PUT /documents/{type}");
            await result.Time("PUT /documents/{type}", async () =>
            {
                using var content = new ByteArrayContent(Jpeg(1024));
                content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                await Expect(await client.PutAsync($"/api/bindings/{id}/documents/{type}", content), HttpStatusCode.Created, type);
            }, counted: false);
            committed[id]++;
        }

        calls?.Begin("POST /submit");
        await result.Time("POST /submit", async () =>
            await Expect(await client.PostAsync($"/api/bindings/{id}/submit", null), HttpStatusCode.Accepted, "submit"), counted: false);
        committed[id]++;

        calls?.Begin("GET /bindings/{id}");
        var view = await result.Time("GET /bindings/{id}", async () =>
            await Expect(await client.GetAsync($"/api/bindings/{id}"), HttpStatusCode.OK, "get"), counted: false);
        StorageCalls.End();
        var status = view["status"]?.GetValue<string>();
        var timeline = view["timeline"]?.AsArray().Count;
        if (status != "in-review" || timeline != 9)
        {
            throw new InvalidOperationException($"GET shows status {status} and {timeline} timeline entries; expected in-review and 9.");
        }
    }

    private static byte[] Jpeg(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        return bytes;
    }

    private static async Task<JsonNode> Expect(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != status)
            {
                throw new InvalidOperationException($"{what}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
            }

            return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
        }
    }
}
