using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>One line of a file as read: its number, its bytes (no line end) and the byte offset just after it.</summary>
/// <param name="TooLong">The line passed the length limit: its bytes were skipped, not kept.</param>
public sealed record RawLine(long Number, byte[] Bytes, long EndOffset, bool TooLong = false);

/// <summary>Splits a stream into lines (LF or CRLF), holding one buffer and at most one line: memory stays flat in the
/// file's size. Line numbers and offsets continue from where a checkpoint left off.</summary>
public static class LineReader
{
    /// <summary>The lines of <paramref name="stream"/>, which starts at <paramref name="offset"/> of the file, after line
    /// <paramref name="lineBefore"/>; blank lines are counted but not returned.</summary>
    public static async IAsyncEnumerable<RawLine> Read(
        Stream stream, long offset, long lineBefore, int maxLineBytes, [EnumeratorCancellation] CancellationToken ct)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 256 * 1024, leaveOpen: true));
        var number = lineBefore;
        var skipping = false;
        try
        {
            var completed = false;
            while (!completed)
            {
                var result = await reader.ReadAsync(ct);
                var buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    var line = buffer.Slice(0, end);
                    offset += line.Length + 1;
                    number++;
                    var raw = skipping ? new RawLine(number, [], offset, TooLong: true) : Line(number, line, offset, maxLineBytes);
                    skipping = false;
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                    if (raw is not null)
                    {
                        yield return raw;
                    }
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty || skipping)
                    {
                        // The last line has no line end.
                        offset += buffer.Length;
                        var raw = skipping ? new RawLine(number + 1, [], offset, TooLong: true) : Line(number + 1, buffer, offset, maxLineBytes);
                        if (raw is not null)
                        {
                            yield return raw;
                        }
                    }

                    completed = true;
                    continue;
                }

                if (buffer.Length > maxLineBytes)
                {
                    // Too long to keep: drop what is buffered and the rest up to the line end, then refuse the line.
                    offset += buffer.Length;
                    skipping = true;
                    reader.AdvanceTo(buffer.End);
                    continue;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static RawLine? Line(long number, ReadOnlySequence<byte> line, long endOffset, int maxLineBytes)
    {
        if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            line = line.Slice(0, line.Length - 1);
        }

        if (line.Length > maxLineBytes)
        {
            return new RawLine(number, [], endOffset, TooLong: true);
        }

        var bytes = line.ToArray();
        return bytes.AsSpan().Trim(" \t"u8).IsEmpty ? null : new RawLine(number, bytes, endOffset);
    }
}
