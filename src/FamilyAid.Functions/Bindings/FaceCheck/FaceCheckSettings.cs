using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Bindings.FaceCheck;

/// <summary>The face-check provider's settings.</summary>
/// <param name="CallbackSecret">HMAC key of the provider's callbacks.</param>
/// <param name="PreviousCallbackSecrets">Retired keys still accepted while the provider switches (rotation).</param>
/// <param name="LocalPasses">The local fake provider's verdict.</param>
/// <param name="LocalDelay">How long the local fake provider takes before it calls back.</param>
/// <param name="CallbackBaseUrl">Where the local fake provider calls back (this app).</param>
public sealed record FaceCheckSettings(
    string CallbackSecret, IReadOnlyList<string> PreviousCallbackSecrets, bool LocalPasses, TimeSpan LocalDelay, string CallbackBaseUrl)
{
    /// <summary>Reads and checks the <c>FaceCheck</c> settings.</summary>
    public static FaceCheckSettings Read(IConfiguration config)
    {
        var callbackSecret = SettingsReader.Required(config, "FaceCheck:CallbackSecret");
        var previousSecrets = SettingsReader.List(config, "FaceCheck:PreviousCallbackSecrets");
        if (callbackSecret.Length < 16 || previousSecrets.Any(p => p.Length < 16))
        {
            throw SettingsReader.Bad(callbackSecret.Length < 16 ? "FaceCheck:CallbackSecret" : "FaceCheck:PreviousCallbackSecrets", "must be at least 16 characters");
        }

        var localResult = config["FaceCheck:LocalResult"] ?? "pass";
        if (localResult is not ("pass" or "fail"))
        {
            throw SettingsReader.Bad("FaceCheck:LocalResult", "must be pass or fail");
        }

        return new FaceCheckSettings(
            callbackSecret,
            previousSecrets,
            localResult == "pass",
            TimeSpan.FromSeconds(SettingsReader.Positive(config, "FaceCheck:LocalDelaySeconds", 5)),
            config["FaceCheck:CallbackBaseUrl"] ?? $"http://127.0.0.1:{config["FUNCTIONS_CUSTOMHANDLER_PORT"] ?? "7071"}");
    }
}
