using System.Collections.Frozen;

namespace FamilyAid.Functions.Privacy;

/// <summary>Keys for resident IDs: AES-256-GCM keys by id (the active one encrypts), the HMAC blind-index key,
/// and blind-index keys retired by a rotation (still searched, so old index rows keep finding people).</summary>
public sealed record PrivacyKeys(
    string ActiveKeyId, FrozenDictionary<string, byte[]> EncryptionKeys, byte[] BlindIndexKey, IReadOnlyList<byte[]> PreviousBlindIndexKeys);
