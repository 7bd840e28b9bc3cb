using System.Buffers.Binary;
using System.Text;

namespace FamilyAid.Domain.Ledger;

/// <summary>The bytes a self-contained payment code (展码) carries sealed inside it: its expiry, the payer, the relationship
/// and the issuing proxy. The code id travels beside them (it names the code's single-use row), and <c>UsedBy</c> is not
/// in the code at all (it is what the single-use row says).</summary>
/// <remarks>Layout: the expiry as 8 bytes of UTC ticks, big-endian; then each id as one header byte and its bytes: 0 for
/// none, 1 for an id of 32 lower-case hex characters (<c>Ids.New</c>) as its 16 bytes, and 2 + n for any other id as its
/// n UTF-8 bytes (n at most 253). Ids are mostly such GUIDs, so a code stays short enough for a small QR code.</remarks>
public static class PaymentCodeContent
{
    /// <summary>The longest id, in UTF-8 bytes, that is not a 32-hex GUID.</summary>
    public const int MaxIdBytes = 255 - TextHeader;

    private const byte None = 0;
    private const byte Hex = 1;
    private const byte TextHeader = 2;
    private const int HexIdLength = 32;
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The bytes of <paramref name="grant"/> (all but its code id and <c>UsedBy</c>).</summary>
    /// <exception cref="ArgumentException">An id longer than <see cref="MaxIdBytes"/> or not valid UTF-16.</exception>
    public static byte[] Write(PaymentCodeGrant grant)
    {
        var bytes = new List<byte>(64);
        Span<byte> ticks = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(ticks, grant.ExpiresAt.UtcTicks);
        bytes.AddRange(ticks);
        foreach (var id in new[] { grant.PersonId, grant.RelationshipId, grant.IssuedBy })
        {
            WriteId(bytes, id);
        }

        return [.. bytes];
    }

    /// <summary>The unused grant <paramref name="content"/> describes for code <paramref name="codeId"/>; null when the
    /// bytes are not exactly such a content (a person is required).</summary>
    public static PaymentCodeGrant? Read(string codeId, ReadOnlySpan<byte> content)
    {
        var ticks = content.Length < 8 ? -1 : BinaryPrimitives.ReadInt64BigEndian(content);
        if (ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return null;
        }

        var rest = content[8..];
        if (!TryReadId(ref rest, out var personId) || personId is null
            || !TryReadId(ref rest, out var relationshipId) || !TryReadId(ref rest, out var issuedBy) || !rest.IsEmpty)
        {
            return null;
        }

        return new PaymentCodeGrant(codeId, personId, relationshipId, new DateTimeOffset(ticks, TimeSpan.Zero), UsedBy: null, issuedBy);
    }

    private static void WriteId(List<byte> bytes, string? id)
    {
        if (id is null)
        {
            bytes.Add(None);
        }
        else if (id.Length == HexIdLength && id.All(char.IsAsciiHexDigitLower))
        {
            bytes.Add(Hex);
            bytes.AddRange(Convert.FromHexString(id));
        }
        else
        {
            var text = Strict.GetBytes(id);
            if (text.Length > MaxIdBytes)
            {
                throw new ArgumentException($"An id of {text.Length} UTF-8 bytes does not fit a payment code (at most {MaxIdBytes}).", nameof(id));
            }

            bytes.Add((byte)(TextHeader + text.Length));
            bytes.AddRange(text);
        }
    }

    private static bool TryReadId(ref ReadOnlySpan<byte> rest, out string? id)
    {
        id = null;
        if (rest.IsEmpty)
        {
            return false;
        }

        var header = rest[0];
        var length = header switch { None => 0, Hex => HexIdLength / 2, _ => header - TextHeader };
        if (rest.Length < 1 + length)
        {
            return false;
        }

        var body = rest.Slice(1, length);
        rest = rest[(1 + length)..];
        if (header == None)
        {
            return true;
        }

        if (header == Hex)
        {
            id = Convert.ToHexStringLower(body);
            return true;
        }

        try
        {
            id = Strict.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        // A 32-hex id is always written compactly: the same id written as text is not a content this layout makes.
        return !(id.Length == HexIdLength && id.All(char.IsAsciiHexDigitLower));
    }
}
