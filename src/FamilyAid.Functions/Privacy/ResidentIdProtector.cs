using System.Security.Cryptography;
using System.Text;
using FamilyAid.Domain.Identity;

namespace FamilyAid.Functions.Privacy;

/// <summary>Encrypts resident IDs at rest (AES-GCM, key id beside the ciphertext) and makes their blind index.</summary>
public sealed class ResidentIdProtector(PrivacyKeys keys)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    // Binds a ciphertext to its purpose so it cannot be replayed as another encrypted field.
    private static readonly byte[] AssociatedData = "familyaid:resident-id"u8.ToArray();

    /// <summary>A sealed resident ID: which key, and nonce‖ciphertext‖tag in base64.</summary>
    public readonly record struct Sealed(string KeyId, string Data);

    /// <summary>Encrypts with the active key.</summary>
    public Sealed Seal(ResidentId id)
    {
        var plain = Encoding.ASCII.GetBytes(id.Value);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.EncryptionKeys[keys.ActiveKeyId], TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), AssociatedData);
        return new Sealed(keys.ActiveKeyId, Convert.ToBase64String(output));
    }

    /// <summary>Decrypts with the key it was sealed under.</summary>
    public ResidentId Open(Sealed value)
    {
        if (!keys.EncryptionKeys.TryGetValue(value.KeyId, out var key))
        {
            throw new CryptographicException($"Encryption key '{value.KeyId}' is not configured.");
        }

        var input = Convert.FromBase64String(value.Data);
        var length = input.Length - NonceSize - TagSize;
        if (length < 0)
        {
            throw new CryptographicException("A sealed resident ID is too short to be one.");
        }

        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, length), input.AsSpan(NonceSize + length), plain, AssociatedData);
        return ResidentId.TryParse(Encoding.ASCII.GetString(plain), out var id)
            ? id
            : throw new CryptographicException("A sealed resident ID did not open to a valid number.");
    }

    /// <summary>The look-up key: HMAC-SHA256 under its own key, lower-case hex. Safe in a table key.</summary>
    public string BlindIndex(ResidentId id) => Index(keys.BlindIndexKey, id);

    /// <summary>The look-up keys under retired index keys, newest first: where a person indexed before a rotation is found.</summary>
    public IEnumerable<string> PreviousBlindIndexes(ResidentId id) => keys.PreviousBlindIndexKeys.Select(key => Index(key, id));

    private static string Index(byte[] key, ResidentId id) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(id.Value)));
}
