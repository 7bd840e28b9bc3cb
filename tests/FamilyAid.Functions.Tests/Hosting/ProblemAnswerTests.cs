using System.Net.Http.Headers;
using System.Text;

namespace FamilyAid.Functions.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed class ProblemAnswerTests(FamilyAidApp app)
{
    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/bindings/x/y/z")]
    [InlineData("/nothing-here")]
    public async Task An_unknown_route_is_a_404_problem(string path)
    {
        await Api.ExpectProblem(await app.Anonymous().GetAsync(path), HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(await app.As("someone").GetAsync(path), HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("DELETE", "/api/health")]
    [InlineData("PATCH", "/api/bindings")]
    [InlineData("GET", "/api/admin/insured")]
    [InlineData("POST", "/api/bindings/0123456789abcdef0123456789abcdef/documents/hukou-home")]
    public async Task A_wrong_method_on_a_known_route_is_a_405_problem(string method, string path)
    {
        var response = await app.As("someone").SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await Api.ExpectProblem(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.NotNull(problem["title"]);
        Assert.NotEmpty(response.Content.Headers.Allow);
    }

    public static TheoryData<string, string, string?, string?> Awkward => new()
    {
        { "POST", "/api/admin/insured", "application/json", "{not json" },
        { "POST", "/api/admin/insured", "application/json", "[]" },
        { "POST", "/api/admin/insured", "application/json", "{\"residentId\": 5, \"personalAccountFen\": \"lots\"}" },
        { "POST", "/api/admin/insured", "text/plain", "hello" },
        { "POST", "/api/bindings", "application/json", "{\"kind\":\"adoption\",\"member\":null}" },
        { "POST", "/api/bindings", "application/json", new string('[', 10_000) },
        { "GET", "/api/bindings/%01%02", null, null },
        { "GET", "/api/bindings/" + new string('a', 5000), null, null },
        { "GET", "/api/bindings/..%2F..%2Fetc", null, null },
        { "PUT", "/api/bindings/%F0%9F%92%A9/documents/%E2%80%8B", "image/jpeg", "\u00ff\u00d8\u00ff" },
        { "POST", "/api/bindings/nope/submit", "application/json", "{}" },
        { "POST", "/api/bindings/nope/cancel", null, null },
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public async Task No_input_yields_a_5xx_or_a_stack_trace(string method, string path, string? contentType, string? body)
    {
        foreach (var client in new[] { app.Admin(), app.As("someone"), app.Anonymous() })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType!);
            }

            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();

            Assert.True((int)response.StatusCode < 500, $"{method} {path} → {(int)response.StatusCode}: {text}");
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            if ((int)response.StatusCode >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull((await Api.Json(response))["code"]);
            }
        }
    }

    [Fact]
    public async Task A_problem_kept_for_a_replay_is_written_like_every_other_problem()
    {
        // Given an applicant who funds no pool, and a transfer request of theirs under a key
        var stranger = await Api.Insured(app);
        using var client = app.As(stranger.Id);
        var key = Guid.NewGuid().ToString("N");
        HttpRequestMessage Transfer(long amountFen)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/transfers") { Content = JsonContent.Create(new { amountFen }) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        // When one problem is answered at once (a bad amount) and another is kept under the key and replayed (no pool)
        var live = await client.SendAsync(Transfer(-1));
        var kept = await client.SendAsync(Transfer(100));
        var replayed = await client.SendAsync(Transfer(100));

        // Then all are the same media type with their members in the same order; the kept one carries no trace id of
        // its first request, so that its replay is the same bytes
        await Api.ExpectProblem(live, HttpStatusCode.BadRequest, "invalid-request");
        await Api.ExpectProblem(kept, HttpStatusCode.UnprocessableEntity, "no-family-pool");
        Assert.Equal(live.Content.Headers.ContentType?.ToString(), kept.Content.Headers.ContentType?.ToString());
        Assert.Equal(kept.Content.Headers.ContentType?.ToString(), replayed.Content.Headers.ContentType?.ToString());
        string[] order = ["type", "title", "status", "detail", "code"];
        Assert.Equal(order, (await Api.Json(live)).AsObject().Select(m => m.Key).Take(order.Length));
        Assert.Equal(order, (await Api.Json(kept)).AsObject().Select(m => m.Key));
        Assert.NotNull((await Api.Json(live))["traceId"]);
        Assert.Equal(await kept.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
    }
}
