using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Callers;

/// <summary>How bearer tokens are checked: an authority's keys in Azure, or a local HS256 key.</summary>
/// <remarks>Tokens signed with a <see cref="PreviousSigningKeys"/> key stay valid until they expire, so the key can rotate without logging everyone out.</remarks>
public sealed record AuthSettings(string? Authority, string? SigningKey, IReadOnlyList<string> PreviousSigningKeys, string Issuer, string Audience)
{
    /// <summary>Reads and checks the <c>Auth</c> settings (the token command reads them without starting the app).</summary>
    public static AuthSettings Read(IConfiguration config)
    {
        var authority = config["Auth:Authority"];
        var signingKey = config["Auth:SigningKey"];
        if (string.IsNullOrWhiteSpace(authority))
        {
            signingKey = SettingsReader.Required(config, "Auth:SigningKey");
            if (System.Text.Encoding.UTF8.GetByteCount(signingKey) < 32)
            {
                throw SettingsReader.Bad("Auth:SigningKey", "must be at least 32 bytes for HS256");
            }
        }

        var previousKeys = SettingsReader.List(config, "Auth:PreviousSigningKeys");
        if (previousKeys.Any(k => System.Text.Encoding.UTF8.GetByteCount(k) < 32))
        {
            throw SettingsReader.Bad("Auth:PreviousSigningKeys", "must hold keys of at least 32 bytes each");
        }

        return new AuthSettings(
            string.IsNullOrWhiteSpace(authority) ? null : authority,
            string.IsNullOrWhiteSpace(signingKey) ? null : signingKey,
            previousKeys,
            config["Auth:Issuer"] ?? "familyaid",
            config["Auth:Audience"] ?? "familyaid");
    }
}
