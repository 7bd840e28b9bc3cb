using System.Collections.Frozen;

namespace FamilyAid.Functions.Privacy;

/// <summary>Keys for resident IDs: AES-256-GCM keys by id (the active one encrypts) and the HMAC blind-index key.</summary>
public sealed record PrivacyKeys(string ActiveKeyId, FrozenDictionary<string, byte[]> EncryptionKeys, byte[] BlindIndexKey);
