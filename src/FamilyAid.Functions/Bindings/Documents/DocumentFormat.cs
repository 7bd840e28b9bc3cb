namespace FamilyAid.Functions.Bindings.Documents;

/// <summary>The formats a document may be, told by its first bytes (the Content-Type header is not trusted).</summary>
public static class DocumentFormat
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int SignatureLength = 8;

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();

    /// <summary>The media type of these leading bytes, or null when they are none of JPEG, PNG, PDF.</summary>
    public static string? Detect(ReadOnlySpan<byte> head) =>
        head.StartsWith(Jpeg) ? "image/jpeg"
        : head.StartsWith(Png) ? "image/png"
        : head.StartsWith(Pdf) ? "application/pdf"
        : null;
}
