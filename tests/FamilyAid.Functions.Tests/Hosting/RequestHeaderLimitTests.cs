using FamilyAid.Functions.Tests.Documents;

namespace FamilyAid.Functions.Tests.Hosting;

/// <summary>Request headers over the limits are a 431 problem, through a real Kestrel (which refuses them before any
/// middleware when they pass its own limits).</summary>
public sealed class RequestHeaderLimitTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    [Fact]
    public async Task Headers_too_large_or_too_many_are_a_431_problem()
    {
        // Given a client on a real HTTP server
        var client = app.Anonymous();
        Assert.NotEqual("localhost", client.BaseAddress!.Host);

        // When one request carries a 40 KiB header and another 120 header fields
        var large = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        large.Headers.Add("X-Padding", new string('a', 40 * 1024));
        var many = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        for (var i = 0; i < 120; i++)
        {
            many.Headers.Add($"X-Field-{i}", "x");
        }

        var answers = new[] { await client.SendAsync(large), await client.SendAsync(many) };

        // Then each is 431 request-headers-too-large, as problem+json with the usual headers
        foreach (var answer in answers)
        {
            await Api.ExpectProblem(answer, HttpStatusCode.RequestHeaderFieldsTooLarge, "request-headers-too-large");
            Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
        }

        // And a request within the limits is served
        var fits = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        fits.Headers.Add("X-Padding", new string('a', 16 * 1024));
        await Api.Expect(await client.SendAsync(fits), HttpStatusCode.OK);
    }
}
