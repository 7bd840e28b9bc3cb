using System.Security.Cryptography;
using FamilyAid.Functions.Bindings.Documents;

namespace FamilyAid.Functions.Tests.Documents;

public sealed class MeteredStreamTests
{
    private static async Task<byte[]> ReadAll(Stream stream, int bufferSize)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[bufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8192)]
    public async Task It_replays_the_head_then_the_body_and_hashes_and_counts_all_of_it(int bufferSize)
    {
        // Given a document whose first 8 bytes were read already
        var document = Api.Jpeg(1000);
        var head = document.AsMemory(0, 8);
        using var metered = new MeteredStream(head, new MemoryStream(document[8..]), limit: 1000);

        // When it is read to the end, in pieces of any size
        var passed = await ReadAll(metered, bufferSize);

        // Then every byte passed through once, in order, and the digest and size are of the whole document
        Assert.Equal(document, passed);
        Assert.Equal(1000, metered.Length64);
        Assert.Equal(1000, metered.Position);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(document)), metered.Sha256());
    }

    [Fact]
    public async Task A_document_of_exactly_the_limit_passes()
    {
        var document = Api.Jpeg(4096);
        using var metered = new MeteredStream(document.AsMemory(0, 8), new MemoryStream(document[8..]), limit: 4096);

        Assert.Equal(document, await ReadAll(metered, 1000));
        Assert.Equal(4096, metered.Length64);
    }

    [Fact]
    public async Task One_byte_over_the_limit_fails()
    {
        var document = Api.Jpeg(4097);
        using var metered = new MeteredStream(document.AsMemory(0, 8), new MemoryStream(document[8..]), limit: 4096);

        await Assert.ThrowsAsync<DocumentTooLargeException>(() => ReadAll(metered, 1000));
    }

    [Fact]
    public void A_head_alone_over_the_limit_fails_on_the_first_read()
    {
        var document = Api.Jpeg(8);
        using var metered = new MeteredStream(document, Stream.Null, limit: 4);

        Assert.Throws<DocumentTooLargeException>(() => metered.Read(new byte[16], 0, 16));
    }

    [Fact]
    public void The_synchronous_read_meters_too()
    {
        var document = Api.Jpeg(100);
        using var metered = new MeteredStream(document.AsMemory(0, 8), new MemoryStream(document[8..]), limit: 100);
        using var copy = new MemoryStream();

        metered.CopyTo(copy, 7);

        Assert.Equal(document, copy.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(document)), metered.Sha256());
    }

    [Fact]
    public void It_is_read_only_and_cannot_seek()
    {
        using var metered = new MeteredStream(ReadOnlyMemory<byte>.Empty, Stream.Null, 10);

        Assert.True(metered.CanRead);
        Assert.False(metered.CanSeek);
        Assert.False(metered.CanWrite);
        Assert.Throws<NotSupportedException>(() => metered.Length);
        Assert.Throws<NotSupportedException>(() => metered.Write([1], 0, 1));
        Assert.Throws<NotSupportedException>(() => metered.Seek(0, SeekOrigin.Begin));
    }
}
