using System.Security.Cryptography;

namespace FamilyAid.Functions.Bindings.Documents;

/// <summary>Thrown when a streamed document passes the size limit.</summary>
public sealed class DocumentTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DocumentTooLargeException()
        : base("The document is larger than the limit.")
    {
    }
}

/// <summary>A read-only pass-through that replays already-read leading bytes, then the body, hashing and counting
/// as it goes and failing once the limit is passed, so a document is never held whole in memory.</summary>
public sealed class MeteredStream(ReadOnlyMemory<byte> head, Stream body, long limit) : Stream
{
    private readonly IncrementalHash sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int headOffset;

    /// <summary>Bytes read so far.</summary>
    public long Length64 { get; private set; }

    /// <summary>The SHA-256 of everything read, lower-case hex; call once, after the end.</summary>
    public string Sha256() => Convert.ToHexStringLower(sha256.GetHashAndReset());

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (headOffset < head.Length)
        {
            read = Math.Min(buffer.Length, head.Length - headOffset);
            head.Span.Slice(headOffset, read).CopyTo(buffer.Span);
            headOffset += read;
        }
        else
        {
            read = await body.ReadAsync(buffer, cancellationToken);
        }

        Length64 += read;
        if (Length64 > limit)
        {
            throw new DocumentTooLargeException();
        }

        sha256.AppendData(buffer.Span[..read]);
        return read;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => Length64; set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            sha256.Dispose();
        }

        base.Dispose(disposing);
    }
}
