namespace FamilyAid.Domain.Tests.TestData;

/// <summary>Valid resident ID numbers for tests: area 440106 (广州天河), a birth date, a 3-digit sequence, the check character.</summary>
public static class TestIds
{
    /// <summary>The area code every test number uses.</summary>
    public const string AreaCode = "440106";

    private static int nextSequence = 100;

    /// <summary>The 18-character text of a valid number for someone born on <paramref name="birthDate"/>.</summary>
    /// <param name="sequence">0–999; digit 17 (its last digit) gives the sex: odd male, even female. Omitted: a fresh one.</param>
    public static string Text(DateOnly birthDate, int? sequence = null)
    {
        var seq = sequence ?? Interlocked.Increment(ref nextSequence) % 1000;
        return Complete(string.Create(CultureInfo.InvariantCulture, $"{AreaCode}{birthDate:yyyyMMdd}{seq:000}"));
    }

    /// <summary>A parsed valid number for someone born on <paramref name="birthDate"/>.</summary>
    public static ResidentId Born(DateOnly birthDate, int? sequence = null) => Parse(Text(birthDate, sequence));

    /// <summary>17 digits completed with their check character (the date part is not checked here).</summary>
    public static string Complete(string first17Digits) => first17Digits + ResidentId.CheckCharacterFor(first17Digits);

    /// <summary>Parses text that the test knows to be valid.</summary>
    public static ResidentId Parse(string text)
    {
        Assert.True(ResidentId.TryParse(text, out var id), $"test data: {text} should be a valid resident ID");
        return id;
    }
}
