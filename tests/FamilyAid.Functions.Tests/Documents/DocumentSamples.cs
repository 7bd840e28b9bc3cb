using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Documents;

/// <summary>Document bytes of each format, and a look into the private container the app writes to.</summary>
public static class DocumentSamples
{
    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Png(int size = 64) => WithHead(PngSignature, size);

    public static byte[] Pdf(int size = 64) => WithHead("%PDF-1.7\n"u8.ToArray(), size);

    public static byte[] Text(int size = 64) => WithHead("Hello, this is plain text, not a scan.\n"u8.ToArray(), size, printable: true);

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The app's private document container, read with a client of the test's own (Azurite refuses the
    /// SDK's newest service version); its name is the app's ("documents", after any storage prefix).</summary>
    public static BlobContainerClient Container(FamilyAidApp app)
    {
        var name = app.Services.GetRequiredService<BlobContainerClient>().Name;
        Assert.EndsWith("documents", name, StringComparison.Ordinal);
        return new BlobServiceClient(FamilyAidApp.StorageConnection, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06))
            .GetBlobContainerClient(name);
    }

    /// <summary>Every blob (committed or not) whose name starts with <paramref name="prefix"/>.</summary>
    public static async Task<List<BlobItem>> Blobs(FamilyAidApp app, string prefix)
    {
        var found = new List<BlobItem>();
        await foreach (var blob in Container(app).GetBlobsAsync(BlobTraits.None, BlobStates.All, prefix, CancellationToken.None))
        {
            found.Add(blob);
        }

        return found;
    }

    private static byte[] WithHead(byte[] head, int size, bool printable = false)
    {
        var bytes = new byte[Math.Max(size, head.Length)];
        if (printable)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)('a' + (i % 26));
            }
        }
        else
        {
            Random.Shared.NextBytes(bytes);
        }

        head.CopyTo(bytes, 0);
        return bytes;
    }
}

/// <summary>A body that cannot seek and has no length, so that HttpClient sends it chunked.</summary>
public sealed class UnseekableStream(byte[] bytes) : Stream
{
    private readonly MemoryStream inner = new(bytes);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
