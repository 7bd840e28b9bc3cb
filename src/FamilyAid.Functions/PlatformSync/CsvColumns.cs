using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>Thrown when a file cannot be read as its format says (a CSV header that names no such columns): the import
/// fails with this message, before any line is applied.</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>The columns a CSV file's header row names. Each line becomes the JSON object of the same fields (an empty
/// field is an absent one), so that a CSV line is read, checked and applied by <see cref="LineParser"/> exactly as a JSON
/// line is. Fields follow RFC 4180 (quoted with <c>"</c>, <c>""</c> for a quote) but a record is one line.</summary>
public sealed class CsvColumns
{
    /// <summary>The columns a header may name: the JSON Lines fields.</summary>
    public static readonly IReadOnlyList<string> Known = ["op", "residentId", "name", "phone", "insuranceType", "status", "region", "accountBalanceFen"];

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string[] names;

    private CsvColumns(string[] names) => this.names = names;

    /// <summary>The columns of <paramref name="header"/> (a byte-order mark before it is allowed).</summary>
    /// <exception cref="ImportFileException">The header is not a CSV row of known, distinct column names with <c>op</c> and <c>residentId</c>.</exception>
    public static CsvColumns FromHeader(ReadOnlySpan<byte> header)
    {
        var fields = Split(header.StartsWith("\uFEFF"u8) ? header[3..] : header)
            ?? throw new ImportFileException("The CSV header row is not a row of CSV fields.");

        if (fields.FirstOrDefault(f => !Known.Contains(f, StringComparer.Ordinal)) is { } unknown)
        {
            // The name is not echoed: a file with no header row would put a resident ID here.
            throw new ImportFileException($"The CSV header row names a column that is not one of: {string.Join(", ", Known)} (column {fields.IndexOf(unknown) + 1}).");
        }

        if (fields.Distinct(StringComparer.Ordinal).Count() != fields.Count || !fields.Contains("op") || !fields.Contains("residentId"))
        {
            throw new ImportFileException("The CSV header row must name op and residentId, and no column twice.");
        }

        return new CsvColumns([.. fields]);
    }

    /// <summary>Line <paramref name="number"/> as the JSON object of its fields, or its refusal (<c>invalid-csv</c>).</summary>
    public (byte[]? Json, LineRefusal? Refusal) ToJson(long number, ReadOnlySpan<byte> line)
    {
        var fields = Split(line);
        if (fields is null)
        {
            return (null, new LineRefusal(number, "invalid-csv", null, "The line is not a row of CSV fields (a quote not closed, or text after one)."));
        }

        if (fields.Count != names.Length)
        {
            return (null, new LineRefusal(number, "invalid-csv", null, $"The line has {fields.Count} fields; the header names {names.Length}."));
        }

        var buffer = new ArrayBufferWriter<byte>(line.Length + 128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < names.Length; i++)
            {
                if (fields[i].Length == 0)
                {
                    continue;
                }

                // A balance that is a whole number is written as one; anything else as text, which the JSON reading refuses.
                if (names[i] == "accountBalanceFen" && long.TryParse(fields[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fen))
                {
                    json.WriteNumber(names[i], fen);
                }
                else
                {
                    json.WriteString(names[i], fields[i]);
                }
            }

            json.WriteEndObject();
        }

        return (buffer.WrittenSpan.ToArray(), null);
    }

    // RFC 4180 fields of one line; null when it is not one (bad UTF-8, a quote not closed, text after a closing quote,
    // a quote inside an unquoted field).
    private static List<string>? Split(ReadOnlySpan<byte> bytes)
    {
        string line;
        try
        {
            line = Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var fields = new List<string>();
        var i = 0;
        var more = true;
        while (more)
        {
            string field;
            if (i < line.Length && line[i] == '"')
            {
                (var quoted, i) = Quoted(line, i);
                if (quoted is null || (i < line.Length && line[i] != ','))
                {
                    return null;
                }

                field = quoted;
            }
            else
            {
                var end = line.IndexOf(',', i) is var comma and >= 0 ? comma : line.Length;
                field = line[i..end];
                if (field.Contains('"', StringComparison.Ordinal))
                {
                    return null;
                }

                i = end;
            }

            fields.Add(field);
            // At a comma, another field follows (empty when the line ends there).
            more = i < line.Length;
            i++;
        }

        return fields;
    }

    // The quoted field starting at start, and where it ends (just after its closing quote); null when it is not closed.
    private static (string? Field, int End) Quoted(string line, int start)
    {
        var field = new StringBuilder();
        for (var i = start + 1; i < line.Length; i++)
        {
            if (line[i] != '"')
            {
                field.Append(line[i]);
            }
            else if (i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else
            {
                return (field.ToString(), i + 1);
            }
        }

        return (null, line.Length);
    }
}
