using FamilyAid.Functions.Bindings.Documents;

namespace FamilyAid.Functions.Tests.Documents;

public sealed class DocumentFormatTests
{
    [Fact]
    public void Jpeg_png_and_pdf_are_told_by_their_first_bytes()
    {
        Assert.Equal("image/jpeg", DocumentFormat.Detect(Api.Jpeg()));
        Assert.Equal("image/jpeg", DocumentFormat.Detect(new byte[] { 0xFF, 0xD8, 0xFF }));
        Assert.Equal("image/png", DocumentFormat.Detect(DocumentSamples.Png()));
        Assert.Equal("image/png", DocumentFormat.Detect(DocumentSamples.PngSignature));
        Assert.Equal("application/pdf", DocumentFormat.Detect(DocumentSamples.Pdf()));
        Assert.Equal("application/pdf", DocumentFormat.Detect("%PDF-"u8));
    }

    [Fact]
    public void Anything_else_is_none_of_them()
    {
        Assert.Null(DocumentFormat.Detect([]));
        Assert.Null(DocumentFormat.Detect(DocumentSamples.Text()));
        Assert.Null(DocumentFormat.Detect("GIF89a.."u8));
        Assert.Null(DocumentFormat.Detect("<html>"u8));
        // Cut-off signatures and near misses.
        Assert.Null(DocumentFormat.Detect(new byte[] { 0xFF, 0xD8 }));
        Assert.Null(DocumentFormat.Detect(new byte[] { 0xFF, 0xD8, 0xFE, 0x00 }));
        Assert.Null(DocumentFormat.Detect(DocumentSamples.PngSignature.AsSpan(0, 7)));
        Assert.Null(DocumentFormat.Detect("%PDF"u8));
        Assert.Null(DocumentFormat.Detect("x%PDF-1.7"u8));
    }

    [Fact]
    public void The_signature_length_covers_the_longest_signature()
    {
        Assert.True(DocumentFormat.SignatureLength >= DocumentSamples.PngSignature.Length);
    }
}
