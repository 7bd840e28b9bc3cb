namespace FamilyAid.Domain.Tests.TestData;

/// <summary>Instants and dates written the way tests think of them. Nothing here reads a clock.</summary>
public static class China
{
    /// <summary>UTC+8.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>A wall-clock time in China.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 10, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Offset);

    /// <summary>An instant written in UTC.</summary>
    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>An ISO 8601 instant with its offset, e.g. "2026-05-09T16:30:00Z".</summary>
    public static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>A calendar date, "yyyy-MM-dd".</summary>
    public static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
