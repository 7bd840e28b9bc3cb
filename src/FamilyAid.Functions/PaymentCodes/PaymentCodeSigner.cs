using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Ledger;

namespace FamilyAid.Functions.PaymentCodes;

/// <summary>Makes and opens the code string an institution scans: the grant itself (payer, relationship, issuing proxy,
/// expiry), sealed with AES-256-GCM, so that issuing stores nothing, nobody reads the ids from the QR code, and a forged,
/// altered or mistyped code is refused without a storage read.</summary>
/// <remarks>The code is base64url (no padding) of: a format byte (1), a random 16-byte code id in clear, the sealed
/// <see cref="PaymentCodeContent"/> and its 16-byte tag. Each code is sealed under a key of its own, HMAC-SHA256 of its id
/// under a key derived (HKDF) from <c>PaymentCodes:SigningKey</c> for this use alone; a key seals exactly one message, so
/// the all-zero nonce is never reused under it. The format byte and the id are authenticated too.</remarks>
public sealed class PaymentCodeSigner(LedgerSettings settings)
{
    private const byte Format = 1;
    private const int IdBytes = 16;
    private const int TagBytes = 16;
    private const int HeaderBytes = 1 + IdBytes;
    private static readonly byte[] Nonce = new byte[AesGcm.NonceByteSizes.MinSize];

    private readonly byte[] sealKey = HKDF.DeriveKey(
        HashAlgorithmName.SHA256, settings.PaymentCodeKey, 32, info: Encoding.ASCII.GetBytes("FamilyAid payment code seal v1"));

    /// <summary>A new code, with a new random code id, for <paramref name="personId"/> through
    /// <paramref name="relationshipId"/>, shown by <paramref name="issuedBy"/> (a proxy), working until
    /// <paramref name="expiresAt"/>; with the unused grant it carries.</summary>
    public (PaymentCodeGrant Grant, string Code) Issue(string personId, string? relationshipId, DateTimeOffset expiresAt, string? issuedBy = null)
    {
        var id = RandomNumberGenerator.GetBytes(IdBytes);
        var grant = new PaymentCodeGrant(Convert.ToHexStringLower(id), personId, relationshipId, expiresAt, UsedBy: null, issuedBy);
        var content = PaymentCodeContent.Write(grant);
        var code = new byte[HeaderBytes + content.Length + TagBytes];
        code[0] = Format;
        id.CopyTo(code, 1);
        using (var aes = For(id))
        {
            aes.Encrypt(Nonce, content, code.AsSpan(HeaderBytes, content.Length), code.AsSpan(HeaderBytes + content.Length), code.AsSpan(0, HeaderBytes));
        }

        return (grant, Base64Url.EncodeToString(code));
    }

    /// <summary>The unused grant a genuine, unaltered code of ours carries; null for anything else.</summary>
    public PaymentCodeGrant? Open(string? code)
    {
        if (code is null || code.Length > 1000 || !Base64Url.IsValid(code, out var length) || length < HeaderBytes + 8 + 1 + TagBytes)
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(code);
        // One code, one spelling: unused low bits of the last character would otherwise give one code several strings.
        if (bytes[0] != Format || Base64Url.EncodeToString(bytes) != code)
        {
            return null;
        }

        var id = bytes.AsSpan(1, IdBytes);
        var content = new byte[bytes.Length - HeaderBytes - TagBytes];
        try
        {
            using var aes = For(id);
            aes.Decrypt(Nonce, bytes.AsSpan(HeaderBytes, content.Length), bytes.AsSpan(bytes.Length - TagBytes), content, bytes.AsSpan(0, HeaderBytes));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return PaymentCodeContent.Read(Convert.ToHexStringLower(id), content);
    }

    private AesGcm For(ReadOnlySpan<byte> id) => new(HMACSHA256.HashData(sealKey, id), TagBytes);
}
