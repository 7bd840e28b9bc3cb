using System.Text;
using FamilyAid.Functions.PlatformSync;
using static FamilyAid.Functions.Tests.PlatformSync.ImportFiles;

namespace FamilyAid.Functions.Tests.PlatformSync;

public sealed class LineParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static (ParsedLine? Line, LineRefusal? Refusal) Parse(string line) => LineParser.Parse(7, Encoding.UTF8.GetBytes(line), Today, Domain.Policy.PolicyBook.Seeds);

    [Fact]
    public void A_complete_upsert_parses_and_keeps_its_line_number()
    {
        // Given an upsert line with every field
        var who = NewPerson();

        // When it is parsed
        var (line, refusal) = Parse(Upsert(who, 1_000));

        // Then it is the person's, as written
        Assert.Null(refusal);
        Assert.Equal((7L, who.ResidentId, ImportOp.Upsert, 1_000L), (line!.Number, line.ResidentId.Value, line.Line.Op!.Value, line.Line.AccountBalanceFen!.Value));
    }

    [Theory]
    [InlineData("""{"op":"upsert",""", "invalid-json", null)]
    [InlineData("""[1,2]""", "invalid-json", null)]
    [InlineData("""{"op":"delete","residentId":"x"}""", "invalid-json", null)]
    [InlineData("""{"residentId":"x"}""", "invalid-request", "op")]
    [InlineData("""{"op":"upsert","residentId":"x"}""", "invalid-request", "name")]
    [InlineData("""{"op":"move-region","residentId":"x"}""", "invalid-request", "region")]
    [InlineData("""{"op":"end-insurance","residentId":"110101198013010010"}""", "invalid-resident-id", null)]
    public void A_bad_line_is_refused_with_a_code_and_never_its_content(string text, string code, string? field)
    {
        // Given a line that is malformed, misses a field or has a bad resident ID
        // When it is parsed
        var (line, refusal) = Parse(text);

        // Then it is refused by line number and code, and nothing of it is repeated
        Assert.Null(line);
        Assert.Equal((7L, code, field), (refusal!.Line, refusal.Code, refusal.Field));
        Assert.DoesNotContain("1101011980", refusal.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void An_upsert_is_checked_by_the_admin_routes_rules()
    {
        // Given upsert lines with an unknown region, a bad phone and a negative balance
        var who = NewPerson();

        // When they are parsed
        var region = Parse(Upsert(who, 1, region: "atlantis")).Refusal;
        var phone = Parse(Upsert(who with { Phone = "12345" }, 1)).Refusal;
        var balance = Parse(Upsert(who, -1)).Refusal;

        // Then each is refused as the admin route refuses it
        Assert.Equal(("unknown-region", "invalid-request", "phone", "accountBalanceFen"), (region!.Code, phone!.Code, phone.Field, balance!.Field));
        Assert.DoesNotContain("12345", phone.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void End_insurance_needs_only_the_resident_id()
    {
        // Given an end-insurance line with only the resident ID
        var who = NewPerson();

        // When it is parsed
        var (line, refusal) = Parse($"{{\"op\":\"end-insurance\",\"residentId\":\"{who.ResidentId}\"}}");

        // Then it parses, the other fields left to the record
        Assert.Null(refusal);
        Assert.Equal((ImportOp.EndInsurance, null), (line!.Line.Op!.Value, line.Line.Name));
    }
}

public sealed class LineReaderTests
{
    private static async Task<List<RawLine>> Read(string text, long offset = 0, long lineBefore = 0, int max = 64)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var stream = new MemoryStream(bytes, (int)offset, bytes.Length - (int)offset);
        var lines = new List<RawLine>();
        await foreach (var line in LineReader.Read(stream, offset, lineBefore, max, CancellationToken.None))
        {
            lines.Add(line);
        }

        return lines;
    }

    [Fact]
    public async Task Lines_carry_their_numbers_and_the_byte_offset_after_them_across_crlf_blank_and_unterminated_lines()
    {
        // Given a file with CRLF, a blank line, a Chinese name and no final line end
        const string text = "{\"a\":1}\r\n\n{\"name\":\"张三\"}\nlast";

        // When it is read whole, and again from the offset after line 3
        var lines = await Read(text);
        var resumed = await Read(text, lines[1].EndOffset, lines[1].Number);

        // Then blank lines count but are not returned, offsets are bytes, and reading resumes exactly after the checkpoint
        Assert.Equal([1L, 3L, 4L], lines.Select(l => l.Number));
        Assert.Equal(["{\"a\":1}", "{\"name\":\"张三\"}", "last"], lines.Select(l => Encoding.UTF8.GetString(l.Bytes)));
        static long Bytes(string s) => Encoding.UTF8.GetByteCount(s);
        Assert.Equal([Bytes("{\"a\":1}\r\n"), Bytes("{\"a\":1}\r\n\n{\"name\":\"张三\"}\n"), Bytes(text)], lines.Select(l => l.EndOffset));
        Assert.Equal([(4L, "last")], resumed.Select(l => (l.Number, Encoding.UTF8.GetString(l.Bytes))));
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_skipped_and_marked_without_keeping_its_bytes()
    {
        // Given a line far longer than the limit between two short ones
        var text = "short\n" + new string('x', 1000) + "\nafter\n";

        // When it is read with a 64-byte limit
        var lines = await Read(text);

        // Then the long line is marked too long, and the next line is read as usual
        Assert.Equal([(1L, false, 5), (2L, true, 0), (3L, false, 5)], lines.Select(l => (l.Number, l.TooLong, l.Bytes.Length)));
        Assert.Equal(text.Length, lines[^1].EndOffset);
    }
}
