using System.Globalization;

namespace FamilyAid.Functions.Tests.Security;

/// <summary>Writes are limited per caller and per client address; reads are not.</summary>
public sealed class RateLimitTests
{
    /// <summary>A cheap write: refused as 400 for its resident ID, but a write all the same.</summary>
    private static Task<HttpResponseMessage> CheapWrite(HttpClient client) =>
        client.PostAsJsonAsync("/api/bindings", new
        {
            kind = "sharing", region = "guangdong", relation = "child", member = new { residentId = "123", name = "限流", phone = "13812345678" },
        });

    private static async Task ExpectRateLimited(HttpResponseMessage response)
    {
        await Api.ExpectProblem(response, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore == true, "429 without Cache-Control: no-store");
        Assert.True(response.Headers.TryGetValues("Retry-After", out var values), "429 without Retry-After");
        var text = Assert.Single(values);
        Assert.True(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds), $"Retry-After '{text}' is not whole seconds");
        Assert.InRange(seconds, 1, 60);
    }

    [Fact]
    public async Task Anonymous_writes_such_as_the_providers_callbacks_are_limited_by_address_not_as_one_caller()
    {
        // Given an app that allows 3 writes per caller a minute, and many per address
        await using var app = new ConfiguredApp(s =>
        {
            s["RateLimits:WritesPerCallerPerMinute"] = "3";
            s["RateLimits:WritesPerAddressPerMinute"] = "1000";
        });

        // When the (tokenless) provider calls back more often than one caller may write
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await Api.FaceCheckCallback(app, $"session-{i}", "pass"));
        }

        // Then none is rate-limited: they are not one caller sharing one window
        Assert.All(answers, a => Assert.NotEqual(HttpStatusCode.TooManyRequests, a.StatusCode));
    }

    [Fact]
    public async Task A_caller_over_the_per_caller_limit_gets_429_with_retry_after_while_others_and_reads_go_on()
    {
        // Given an app that allows 3 writes per caller a minute, and many per address
        await using var app = new ConfiguredApp(s =>
        {
            s["RateLimits:WritesPerCallerPerMinute"] = "3";
            s["RateLimits:WritesPerAddressPerMinute"] = "1000";
        });
        var caller = app.As("limited-caller");

        // When one caller writes 4 times
        for (var i = 0; i < 3; i++)
        {
            await Api.ExpectProblem(await CheapWrite(caller), HttpStatusCode.BadRequest, "invalid-resident-id");
        }

        var fourth = await CheapWrite(caller);

        // Then the 4th is refused as rate-limited, with when to try again
        await ExpectRateLimited(fourth);

        // And every other write of theirs is refused too (a PUT as well as a POST)
        await ExpectRateLimited(await CheapWrite(caller));
        await ExpectRateLimited(await Api.Upload(caller, "no-such-request", "hukou-home", Api.Jpeg()));

        // And another caller is not affected
        var other = app.As("other-caller");
        await Api.ExpectProblem(await CheapWrite(other), HttpStatusCode.BadRequest, "invalid-resident-id");

        // And the limited caller still reads
        for (var i = 0; i < 5; i++)
        {
            await Api.Expect(await caller.GetAsync("/api/bindings"), HttpStatusCode.OK);
            await Api.ExpectProblem(await caller.GetAsync("/api/bindings/no-such-request"), HttpStatusCode.NotFound, "not-found");
        }
    }

    [Fact]
    public async Task Writes_from_one_address_over_its_limit_get_429_whoever_the_callers_are()
    {
        // Given an app that allows 3 writes per address a minute, and many per caller
        await using var app = new ConfiguredApp(s =>
        {
            s["RateLimits:WritesPerCallerPerMinute"] = "1000";
            s["RateLimits:WritesPerAddressPerMinute"] = "3";
        });

        // When 4 different callers write once each from the same address
        for (var i = 0; i < 3; i++)
        {
            await Api.ExpectProblem(await CheapWrite(app.As($"address-caller-{i}")), HttpStatusCode.BadRequest, "invalid-resident-id");
        }

        var fourth = await CheapWrite(app.As("address-caller-3"));

        // Then the 4th is refused as rate-limited
        await ExpectRateLimited(fourth);

        // And reads from the address still go on
        await Api.Expect(await app.As("address-caller-3").GetAsync("/api/bindings"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Each_client_address_has_its_own_write_limit()
    {
        // Given an app that allows 3 writes per address a minute, and many per caller
        await using var app = new ConfiguredApp(s =>
        {
            s["RateLimits:WritesPerCallerPerMinute"] = "1000";
            s["RateLimits:WritesPerAddressPerMinute"] = "3";
        });

        // When one address writes 4 times and another writes once
        var first = IPAddress.Parse("203.0.113.7");
        var second = IPAddress.Parse("198.51.100.20");
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await CheapWriteFrom(app, first, $"first-address-caller-{i}"));
        }

        var fromSecond = await CheapWriteFrom(app, second, "second-address-caller");

        // Then only the first address's 4th write is refused
        Assert.Equal([400, 400, 400, 429], statuses);
        Assert.Equal(400, fromSecond);
    }

    [Fact]
    public async Task A_forwarded_address_is_ignored_when_no_proxy_is_configured()
    {
        // Given an app that allows 3 writes per address a minute and trusts no proxy (the default)
        await using var app = new ConfiguredApp(s =>
        {
            s["RateLimits:WritesPerCallerPerMinute"] = "1000";
            s["RateLimits:WritesPerAddressPerMinute"] = "3";
        });

        // When one loopback connection writes 4 times, naming another client address in X-Forwarded-For each time
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await CheapWriteFrom(app, IPAddress.Loopback, $"spoofing-caller-{i}", $"203.0.113.{i + 1}"));
        }

        // Then the header bought no fresh window: the 4th write is refused
        Assert.Equal([400, 400, 400, 429], statuses);
    }

    [Fact]
    public async Task A_configured_proxy_names_the_client_address_and_nobody_else_can()
    {
        // Given an app that allows 3 writes per address a minute and trusts the proxy on loopback
        await using var app = new ConfiguredApp(s =>
        {
            s["RateLimits:WritesPerCallerPerMinute"] = "1000";
            s["RateLimits:WritesPerAddressPerMinute"] = "3";
            s["ForwardedHeaders:KnownProxies"] = "127.0.0.1, 10.1.0.0/16";
        });

        // When the proxies forward 4 writes of 4 different clients, and an untrusted address writes 4 times with varying headers
        var forwarded = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            forwarded.Add(await CheapWriteFrom(app, i % 2 == 0 ? IPAddress.Loopback : IPAddress.Parse("10.1.2.3"), $"proxied-caller-{i}", $"203.0.113.{i + 1}"));
        }

        var direct = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            direct.Add(await CheapWriteFrom(app, IPAddress.Parse("198.51.100.20"), $"direct-caller-{i}", $"192.0.2.{i + 1}"));
        }

        // Then each forwarded client has its own window, and the untrusted address has one window whatever it says
        Assert.Equal([400, 400, 400, 400], forwarded);
        Assert.Equal([400, 400, 400, 429], direct);
    }

    /// <summary>The cheap write over a connection from <paramref name="address"/>, optionally claiming to forward
    /// <paramref name="forwardedFor"/>; its status.</summary>
    private static async Task<int> CheapWriteFrom(ConfiguredApp app, IPAddress address, string sub, string? forwardedFor = null)
    {
        var token = app.As(sub).DefaultRequestHeaders.Authorization!.ToString();
        var body = System.Text.Encoding.UTF8.GetBytes(
            "{\"kind\":\"sharing\",\"region\":\"guangdong\",\"relation\":\"child\",\"member\":{\"residentId\":\"123\",\"name\":\"限流\",\"phone\":\"13812345678\"}}");
        var context = await app.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = address;
            c.Request.Method = "POST";
            c.Request.Path = "/api/bindings";
            c.Request.Headers.Authorization = token;
            if (forwardedFor is not null)
            {
                c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }

            c.Request.ContentType = "application/json";
            c.Request.ContentLength = body.Length;
            c.Request.Body = new MemoryStream(body);
        });
        return context.Response.StatusCode;
    }
}
