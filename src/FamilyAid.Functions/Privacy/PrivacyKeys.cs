using System.Collections.Frozen;
using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Privacy;

/// <summary>Keys for resident IDs: AES-256-GCM keys by id (the active one encrypts), the HMAC blind-index key,
/// and blind-index keys retired by a rotation (still searched, so old index rows keep finding people).</summary>
public sealed record PrivacyKeys(
    string ActiveKeyId, FrozenDictionary<string, byte[]> EncryptionKeys, byte[] BlindIndexKey, IReadOnlyList<byte[]> PreviousBlindIndexKeys)
{
    /// <summary>Reads and checks the <c>Privacy</c> settings.</summary>
    public static PrivacyKeys Read(IConfiguration config)
    {
        var active = SettingsReader.Required(config, "Privacy:ActiveKeyId");
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var child in config.GetSection("Privacy:EncryptionKeys").GetChildren())
        {
            keys[child.Key] = SettingsReader.Key32(child.Value, $"Privacy:EncryptionKeys:{child.Key}");
        }

        if (!keys.ContainsKey(active))
        {
            throw SettingsReader.Bad($"Privacy:EncryptionKeys:{active}", "is missing: Privacy:ActiveKeyId names a key that is not configured");
        }

        var index = SettingsReader.Key32(SettingsReader.Required(config, "Privacy:BlindIndexKey"), "Privacy:BlindIndexKey");
        var previous = SettingsReader.List(config, "Privacy:PreviousBlindIndexKeys").Select(k => SettingsReader.Key32(k, "Privacy:PreviousBlindIndexKeys")).ToList();
        return new PrivacyKeys(active, keys.ToFrozenDictionary(StringComparer.Ordinal), index, previous);
    }
}
