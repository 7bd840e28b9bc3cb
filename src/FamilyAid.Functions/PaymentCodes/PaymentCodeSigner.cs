using System.Security.Cryptography;
using System.Text;
using FamilyAid.Functions.Ledger;

namespace FamilyAid.Functions.PaymentCodes;

/// <summary>Makes and checks the code string an institution scans: a random id and its HMAC, so that a forged or
/// mistyped code is refused without a storage read.</summary>
public sealed class PaymentCodeSigner(LedgerSettings settings)
{
    /// <summary>A new code for a new random id.</summary>
    public (string CodeId, string Code) Issue()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return (id, $"{id}.{Signature(id)}");
    }

    /// <summary>The id inside a well-formed, correctly signed code; null otherwise.</summary>
    public string? Verify(string? code)
    {
        if (code is not { Length: 65 } || code[32] != '.')
        {
            return null;
        }

        var id = code[..32];
        if (!id.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(id));
        var given = Encoding.ASCII.GetBytes(code[33..]);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? id : null;
    }

    private string Signature(string id) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(settings.PaymentCodeKey, Encoding.ASCII.GetBytes(id)))[..32];
}
