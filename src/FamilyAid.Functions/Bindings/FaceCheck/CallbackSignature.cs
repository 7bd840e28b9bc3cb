using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FamilyAid.Functions.Bindings.FaceCheck;

/// <summary>The provider's callback signature: <c>sha256=hex(HMAC-SHA256(secret, timestamp + "." + raw body))</c>.</summary>
public static class CallbackSignature
{
    /// <summary>How far a callback's timestamp may be from now, either way.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(300);

    /// <summary>The header value for a body signed at <paramref name="timestamp"/> (unix seconds).</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }

    /// <summary>Whether the headers are a fresh, valid signature of <paramref name="body"/> under any of <paramref name="secrets"/>.</summary>
    public static bool Verify(IEnumerable<string> secrets, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) ||
            timestamp > DateTimeOffset.MaxValue.ToUnixTimeSeconds() ||
            (now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > Window ||
            signatureHeader is null)
        {
            return false;
        }

        var given = Encoding.ASCII.GetBytes(signatureHeader);
        var valid = false;
        foreach (var secret in secrets)
        {
            // Constant-time, and every secret is tried, so timing tells nothing about which one matched.
            valid |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), given);
        }

        return valid;
    }
}
