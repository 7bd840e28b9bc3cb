namespace FamilyAid.Functions.FaceCheck;

/// <summary>The face-check provider's settings.</summary>
/// <param name="CallbackSecret">HMAC key of the provider's callbacks.</param>
/// <param name="PreviousCallbackSecrets">Retired keys still accepted while the provider switches (rotation).</param>
/// <param name="LocalPasses">The local fake provider's verdict.</param>
/// <param name="LocalDelay">How long the local fake provider takes before it calls back.</param>
/// <param name="CallbackBaseUrl">Where the local fake provider calls back (this app).</param>
public sealed record FaceCheckSettings(
    string CallbackSecret, IReadOnlyList<string> PreviousCallbackSecrets, bool LocalPasses, TimeSpan LocalDelay, string CallbackBaseUrl);
