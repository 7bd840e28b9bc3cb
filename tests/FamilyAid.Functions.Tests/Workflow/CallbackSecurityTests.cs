using System.Globalization;
using System.Text;
using System.Text.Json;
using FamilyAid.Functions.Bindings.FaceCheck;

namespace FamilyAid.Functions.Tests.Workflow;

/// <summary>An app that still accepts callbacks signed with a retired secret while the provider switches to the new one.</summary>
public sealed class RotatingSecretApp : PrivateApp
{
    public const string PreviousSecret = "previous-face-check-callback-secret";

    protected override void Adjust(Dictionary<string, string?> settings)
    {
        base.Adjust(settings);
        settings["FaceCheck:PreviousCallbackSecrets"] = PreviousSecret;
    }
}

/// <summary>The face-check provider's callback: HMAC-SHA256 over timestamp + "." + raw body, 300 s window either way,
/// constant-time compare; forged, stale and malformed callbacks are 401 and change nothing; a replay changes nothing.</summary>
public sealed class CallbackSecurityTests(RotatingSecretApp app) : IClassFixture<RotatingSecretApp>
{
    private const string Path = "/api/callbacks/face-check";

    [Fact]
    public async Task A_callback_signed_with_another_secret_is_refused_and_changes_nothing()
    {
        var (authorizer, id, session) = await OpenSession();
        var body = Body(session, "pass");
        var now = Now();

        await ExpectRefused("another secret", await Send(body, now.ToString(CultureInfo.InvariantCulture), CallbackSignature.Sign("someone-elses-secret-0123456789", now, body)));

        await ExpectUnchanged(authorizer, id, session);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var (authorizer, id, session) = await OpenSession();
        var now = Now();
        var signature = CallbackSignature.Sign(FamilyAidApp.CallbackSecret, now, Body(session, "fail", 0.1));

        await ExpectRefused("changed body", await Send(Body(session, "pass", 0.99), now.ToString(CultureInfo.InvariantCulture), signature));

        await ExpectUnchanged(authorizer, id, session);
    }

    [Fact]
    public async Task A_callback_without_its_signature_headers_is_refused()
    {
        var (authorizer, id, session) = await OpenSession();
        var body = Body(session, "pass");
        var now = Now();
        var timestamp = now.ToString(CultureInfo.InvariantCulture);
        var signature = CallbackSignature.Sign(FamilyAidApp.CallbackSecret, now, body);

        await ExpectRefused("no timestamp", await Send(body, null, signature));
        await ExpectRefused("no signature", await Send(body, timestamp, null));
        await ExpectRefused("neither", await Send(body, null, null));

        await ExpectUnchanged(authorizer, id, session);
    }

    [Fact]
    public async Task A_bearer_token_is_no_substitute_for_the_signature()
    {
        var (authorizer, id, session) = await OpenSession();
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = Json(Body(session, "pass")) };

        await ExpectRefused("bearer token", await app.Admin().SendAsync(request));
        await ExpectUnchanged(authorizer, id, session);
    }

    [Fact]
    public async Task A_malformed_signature_header_is_refused()
    {
        var (authorizer, id, session) = await OpenSession();
        var body = Body(session, "pass");
        var now = Now();
        var right = CallbackSignature.Sign(FamilyAidApp.CallbackSecret, now, body);
        string[] malformed =
        [
            "", "sha256=", "sha256=zz", "not-a-signature", "md5=0123456789abcdef0123456789abcdef",
            "sha256=" + new string('0', 64),
            right["sha256=".Length..], // the right digest without its label
            right + "00", // the right one, too long
            right[..^2], // the right one, too short
        ];

        foreach (var signature in malformed)
        {
            await ExpectRefused($"signature '{signature}'", await Send(body, now.ToString(CultureInfo.InvariantCulture), signature));
        }

        await ExpectUnchanged(authorizer, id, session);
    }

    [Fact]
    public async Task A_malformed_timestamp_is_refused()
    {
        var (authorizer, id, session) = await OpenSession();
        var body = Body(session, "pass");
        var now = Now().ToString(CultureInfo.InvariantCulture);
        string[] malformed = ["", "abc", "-1", "+" + now, now + ".0", "0x" + now, now + "000", "99999999999999999999999", "253402300800"];

        foreach (var timestamp in malformed)
        {
            // Signed with the number the header might be read as (else now), so that only the timestamp is wrong
            var signed = long.TryParse(timestamp, NumberStyles.Any, CultureInfo.InvariantCulture, out var t) ? t : Now();
            await ExpectRefused($"timestamp '{timestamp}'", await Send(body, timestamp, CallbackSignature.Sign(FamilyAidApp.CallbackSecret, signed, body)));
        }

        await ExpectUnchanged(authorizer, id, session);
    }

    [Fact]
    public async Task A_callback_signed_outside_the_300_second_window_is_refused()
    {
        var (authorizer, id, session) = await OpenSession();

        foreach (var offset in new[] { -301, 301, -3600, 86400 })
        {
            await ExpectRefused($"{offset} s", await Api.FaceCheckCallback(app, session, "pass", timestamp: Now() + offset));
        }

        await ExpectUnchanged(authorizer, id, session);
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    [InlineData(-300)]
    [InlineData(300)]
    public async Task A_callback_signed_within_the_window_is_accepted(int offsetSeconds)
    {
        var (authorizer, id, session) = await OpenSession();

        var response = await Api.FaceCheckCallback(app, session, "pass", timestamp: Now() + offsetSeconds);

        await Api.Expect(response, HttpStatusCode.OK);
        Assert.Equal("approved", (await Api.Json(response))["status"]!.GetValue<string>());
        Assert.Equal("approved", await Api.Status(app, authorizer, id));
    }

    [Fact]
    public async Task A_replayed_pass_answers_200_and_changes_nothing()
    {
        // Given a valid pass the provider delivered
        var (authorizer, id, session) = await OpenSession();
        var body = Body(session, "pass", 0.97);
        var at = Now();
        var now = at.ToString(CultureInfo.InvariantCulture);
        var signature = CallbackSignature.Sign(FamilyAidApp.CallbackSecret, at, body);
        await Api.Expect(await Send(body, now, signature), HttpStatusCode.OK);
        var after = await WorkflowSteps.Timeline(app, authorizer, id);

        // When the very same request arrives again, twice
        var first = await Send(body, now, signature);
        var second = await Send(body, now, signature);

        // Then both answer 200 with the same status, and the timeline has one pass and one approval
        foreach (var replay in new[] { first, second })
        {
            await Api.Expect(replay, HttpStatusCode.OK);
            Assert.Equal("approved", (await Api.Json(replay))["status"]!.GetValue<string>());
        }

        var timeline = await WorkflowSteps.Timeline(app, authorizer, id);
        Assert.Equal(after, timeline);
        Assert.Single(timeline, e => e == "face-check-passed");
        Assert.Single(timeline, e => e == "approved");
    }

    [Fact]
    public async Task A_replayed_failure_does_not_use_up_a_retry()
    {
        // Given a failed check, delivered once
        var (authorizer, id, session) = await OpenSession();
        var body = Body(session, "fail", 0.2);
        var now = Now();
        var signature = CallbackSignature.Sign(FamilyAidApp.CallbackSecret, now, body);
        await Api.Expect(await Send(body, now.ToString(CultureInfo.InvariantCulture), signature), HttpStatusCode.OK);

        // When the provider's callback is replayed three more times
        for (var i = 0; i < 3; i++)
        {
            await Api.Expect(await Send(body, now.ToString(CultureInfo.InvariantCulture), signature), HttpStatusCode.OK);
        }

        // Then one failure is counted: the request still waits for a face check, which may be retried
        Assert.Single(await WorkflowSteps.Timeline(app, authorizer, id), e => e == "face-check-failed");
        Assert.Equal("awaiting-face-check", await Api.Status(app, authorizer, id));
    }

    [Fact]
    public async Task A_callback_signed_with_a_previous_secret_is_accepted_while_it_is_listed()
    {
        var (authorizer, id, session) = await OpenSession();

        var response = await Api.FaceCheckCallback(app, session, "pass", secret: RotatingSecretApp.PreviousSecret);

        await Api.Expect(response, HttpStatusCode.OK);
        Assert.Equal("approved", await Api.Status(app, authorizer, id));
    }

    [Fact]
    public async Task A_validly_signed_callback_for_an_unknown_session_is_not_found()
    {
        var response = await Api.FaceCheckCallback(app, "fc-never-opened-" + Guid.NewGuid().ToString("N"), "pass");
        await Api.ExpectProblem(response, HttpStatusCode.NotFound, "unknown-session");

        var tooLong = await Api.FaceCheckCallback(app, new string('x', 200), "pass");
        await Api.ExpectProblem(tooLong, HttpStatusCode.NotFound, "unknown-session");
    }

    [Fact]
    public async Task A_validly_signed_body_that_is_not_a_verdict_is_a_bad_request_and_changes_nothing()
    {
        var (authorizer, id, session) = await OpenSession();
        string[] bodies =
        [
            "{", "null", "[]", "", "not json",
            $$"""{"sessionId":"{{session}}","result":"maybe","score":0.9}""",
            $$"""{"sessionId":"{{session}}","result":"pass","score":"high"}""",
            $$"""{"sessionId":"{{session}}","result":"pass"}""",
            $$"""{"sessionId":"{{session}}","result":"pass","score":0.9,"image":"base64..."}""",
        ];

        foreach (var json in bodies)
        {
            var body = Encoding.UTF8.GetBytes(json);
            var now = Now();
            var response = await Send(body, now.ToString(CultureInfo.InvariantCulture), CallbackSignature.Sign(FamilyAidApp.CallbackSecret, now, body));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"body '{json}': got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await ExpectUnchanged(authorizer, id, session);
    }

    // A gansu request waiting for the member's face check, with a session open.
    private async Task<(Person Authorizer, string Id, string Session)> OpenSession()
    {
        var (authorizer, member, id) = await WorkflowSteps.AwaitingFaceCheck(app);
        return (authorizer, id, await WorkflowSteps.StartFaceCheck(app, member, id));
    }

    // Nothing happened to the request, and the session still works: a valid callback then passes.
    private async Task ExpectUnchanged(Person authorizer, string id, string session)
    {
        Assert.Equal(["requested", "submitted", "face-check-started"], await WorkflowSteps.Timeline(app, authorizer, id));
        Assert.Equal("awaiting-face-check", await Api.Status(app, authorizer, id));
        await Api.Expect(await Api.FaceCheckCallback(app, session, "pass"), HttpStatusCode.OK);
        Assert.Equal("approved", await Api.Status(app, authorizer, id));
    }

    private static async Task ExpectRefused(string what, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: expected 401, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await Api.ExpectProblem(response, HttpStatusCode.Unauthorized, "invalid-signature");
    }

    private long Now() => app.Clock.GetUtcNow().ToUnixTimeSeconds();

    private static byte[] Body(string session, string result, double score = 0.9) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { sessionId = session, result, score }));

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<HttpResponseMessage> Send(byte[] body, string? timestamp, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = Json(body) };
        if (timestamp is not null)
        {
            request.Headers.TryAddWithoutValidation(FaceCheckCallback.TimestampHeader, timestamp);
        }

        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(FaceCheckCallback.SignatureHeader, signature);
        }

        return await app.Anonymous().SendAsync(request);
    }
}
