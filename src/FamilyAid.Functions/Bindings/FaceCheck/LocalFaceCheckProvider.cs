using System.Text.Json;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Bindings.FaceCheck;

/// <summary>The local stand-in for the provider (<c>./run.sh</c>): opens a session and, after <c>FaceCheck:LocalDelaySeconds</c>,
/// calls this app's callback with the configured verdict, signed like the real provider, so the whole path runs.</summary>
public sealed partial class LocalFaceCheckProvider(
    FaceCheckSettings settings, IHttpClientFactory http, TimeProvider clock, IHostApplicationLifetime lifetime,
    ILogger<LocalFaceCheckProvider> logger) : IFaceCheckProvider
{
    /// <inheritdoc />
    public Task<string> StartSession(string bindingId, string memberId, CancellationToken ct)
    {
        var sessionId = "local-" + Ids.New(clock);
        _ = Task.Run(() => CallBack(sessionId, lifetime.ApplicationStopping), CancellationToken.None);
        return Task.FromResult(sessionId);
    }

    private async Task CallBack(string sessionId, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(settings.LocalDelay, stopping);
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new FaceCheckCallback.Request(sessionId, settings.LocalPasses ? FaceCheckCallback.Verdict.Pass : FaceCheckCallback.Verdict.Fail, settings.LocalPasses ? 0.97 : 0.31),
                Json.Options);
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.CallbackBaseUrl.TrimEnd('/')}/api/callbacks/face-check")
            {
                Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } },
            };
            request.Headers.Add(FaceCheckCallback.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(FaceCheckCallback.SignatureHeader, CallbackSignature.Sign(settings.CallbackSecret, timestamp, body));
            using var response = await http.CreateClient(nameof(LocalFaceCheckProvider)).SendAsync(request, stopping);
            LogCalledBack(logger, sessionId, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            LogFailed(logger, sessionId, e.GetType().Name);
        }
    }

    [LoggerMessage(LogLevel.Information, "Local face check {SessionId}: callback answered {Status}.")]
    private static partial void LogCalledBack(ILogger logger, string sessionId, int status);

    [LoggerMessage(LogLevel.Warning, "Local face check {SessionId}: callback failed ({Error}).")]
    private static partial void LogFailed(ILogger logger, string sessionId, string error);
}
