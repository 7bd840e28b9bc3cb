using System.Security.Cryptography;
using System.Text;
using FamilyAid.Domain.Identity;

namespace FamilyAid.Functions.Privacy;

/// <summary>Encrypts resident IDs, phone numbers and birth certificate numbers at rest (AES-GCM, key id beside the
/// ciphertext) and makes the resident ID's blind index and keyed fingerprints of request bodies.</summary>
public sealed class ResidentIdProtector(PrivacyKeys keys)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] BirthCertificateData = "familyaid:birth-certificate"u8.ToArray();

    // Binds a ciphertext to its purpose so it cannot be replayed as another encrypted field.
    private static readonly byte[] ResidentIdData = "familyaid:resident-id"u8.ToArray();
    private static readonly byte[] PhoneData = "familyaid:phone"u8.ToArray();
    private static readonly byte[] FingerprintPurpose = "familyaid:request-body\n"u8.ToArray();

    /// <summary>A sealed value: which key, and nonce‖ciphertext‖tag in base64.</summary>
    public readonly record struct Sealed(string KeyId, string Data);

    /// <summary>Encrypts with the active key.</summary>
    public Sealed Seal(ResidentId id) => Seal(id.Value, ResidentIdData);

    /// <summary>Encrypts a birth certificate number with the active key (bound to that purpose, so it never opens as a resident ID).</summary>
    public Sealed Seal(BirthCertificateNumber number) => Seal(number.Value, BirthCertificateData);

    /// <summary>Decrypts with the key it was sealed under.</summary>
    public ResidentId Open(Sealed value) =>
        ResidentId.TryParse(Open(value, ResidentIdData, "resident ID"), out var id)
            ? id
            : throw new CryptographicException("A sealed resident ID did not open to a valid number.");

    /// <summary>Decrypts a birth certificate number with the key it was sealed under.</summary>
    /// <remarks>No endpoint shows it (reviewers see it masked): this is for an agency that must check the certificate itself.</remarks>
    public BirthCertificateNumber OpenBirthCertificate(Sealed value) =>
        BirthCertificateNumber.TryParse(Open(value, BirthCertificateData, "birth certificate number"), out var number)
            ? number
            : throw new CryptographicException("A sealed birth certificate number did not open to a valid number.");

    /// <summary>Encrypts a phone number with the active key.</summary>
    public Sealed SealPhone(string phone) => Seal(phone, PhoneData);

    /// <summary>Decrypts a phone number with the key it was sealed under.</summary>
    public string OpenPhone(Sealed value) => Open(value, PhoneData, "phone number");

    /// <summary>A keyed fingerprint of personal data that must be compared but never read back (a request body an
    /// idempotency record keeps): HMAC-SHA256 under the blind-index key, separated by purpose, lower-case hex.</summary>
    /// <remarks>A plain hash of a body that holds a resident ID and a phone could be found again by trying the few
    /// digits a masked ID and a masked phone leave out; without the key it cannot.</remarks>
    public string Fingerprint(ReadOnlySpan<byte> data) => Fingerprint(keys.BlindIndexKey, data);

    /// <summary>The fingerprints under retired index keys, newest first: what records written before a rotation hold.</summary>
    public IEnumerable<string> PreviousFingerprints(byte[] data) => keys.PreviousBlindIndexKeys.Select(key => Fingerprint(key, data));

    private static string Fingerprint(byte[] key, ReadOnlySpan<byte> data)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(FingerprintPurpose);
        hmac.AppendData(data);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>The look-up key: HMAC-SHA256 under its own key, lower-case hex. Safe in a table key.</summary>
    public string BlindIndex(ResidentId id) => Index(keys.BlindIndexKey, id);

    /// <summary>The look-up keys under retired index keys, newest first: where a person indexed before a rotation is found.</summary>
    public IEnumerable<string> PreviousBlindIndexes(ResidentId id) => keys.PreviousBlindIndexKeys.Select(key => Index(key, id));

    private Sealed Seal(string text, byte[] associatedData)
    {
        var plain = Encoding.ASCII.GetBytes(text);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.EncryptionKeys[keys.ActiveKeyId], TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), associatedData);
        return new Sealed(keys.ActiveKeyId, Convert.ToBase64String(output));
    }

    private string Open(Sealed value, byte[] associatedData, string what)
    {
        if (!keys.EncryptionKeys.TryGetValue(value.KeyId, out var key))
        {
            throw new CryptographicException($"Encryption key '{value.KeyId}' is not configured.");
        }

        var input = Convert.FromBase64String(value.Data);
        var length = input.Length - NonceSize - TagSize;
        if (length < 0)
        {
            throw new CryptographicException($"A sealed {what} is too short to be one.");
        }

        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, length), input.AsSpan(NonceSize + length), plain, associatedData);
        return Encoding.ASCII.GetString(plain);
    }

    private static string Index(byte[] key, ResidentId id) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(id.Value)));
}
