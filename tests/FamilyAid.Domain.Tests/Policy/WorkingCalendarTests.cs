using System.Collections.Frozen;

namespace FamilyAid.Domain.Tests.Policy;

public class WorkingCalendarTests
{
    /// <summary>2025 National Day and Mid-Autumn: 1–8 October off; Sunday 28 September and Saturday 11 October worked (调休).</summary>
    private static readonly WorkingCalendar NationalDay2025 = new(
        Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d)).ToFrozenSet(),
        new[] { new DateOnly(2025, 9, 28), new DateOnly(2025, 10, 11) }.ToFrozenSet());

    [Theory]
    [InlineData("2026-05-11", true)] // Monday
    [InlineData("2026-05-15", true)] // Friday
    [InlineData("2026-05-16", false)] // Saturday
    [InlineData("2026-05-17", false)] // Sunday
    public void Weekdays_work_and_weekends_do_not(string date, bool working)
    {
        Assert.Equal(working, WorkingCalendar.WeekendsOnly.IsWorkingDay(China.Date(date)));
    }

    [Theory]
    [InlineData("2025-09-26", true)] // Friday
    [InlineData("2025-09-27", false)] // Saturday
    [InlineData("2025-09-28", true)] // Sunday, make-up working day
    [InlineData("2025-09-30", true)] // Tuesday
    [InlineData("2025-10-01", false)] // Wednesday, holiday
    [InlineData("2025-10-06", false)] // Monday, holiday
    [InlineData("2025-10-08", false)] // Wednesday, holiday
    [InlineData("2025-10-09", true)] // Thursday
    [InlineData("2025-10-11", true)] // Saturday, make-up working day
    [InlineData("2025-10-12", false)] // Sunday
    public void Holidays_are_off_and_make_up_weekends_are_worked(string date, bool working)
    {
        Assert.Equal(working, NationalDay2025.IsWorkingDay(China.Date(date)));
    }

    [Theory]
    // weekends only
    [InlineData("2026-05-11T10:00:00+08:00", 1, "2026-05-12T10:00:00+08:00")] // Monday → Tuesday
    [InlineData("2026-05-14T10:00:00+08:00", 1, "2026-05-15T10:00:00+08:00")] // Thursday → Friday
    [InlineData("2026-05-15T10:00:00+08:00", 1, "2026-05-18T10:00:00+08:00")] // Friday → Monday
    [InlineData("2026-05-15T18:45:00+08:00", 1, "2026-05-18T18:45:00+08:00")] // Friday evening → Monday evening
    [InlineData("2026-05-14T10:00:00+08:00", 2, "2026-05-18T10:00:00+08:00")] // Thursday + 2 → Monday
    [InlineData("2026-05-15T10:00:00+08:00", 5, "2026-05-22T10:00:00+08:00")] // a working week
    [InlineData("2026-05-13T10:00:00+08:00", 0, "2026-05-13T10:00:00+08:00")]
    public void Adds_working_days_keeping_the_clock_time(string start, int days, string due)
    {
        var actual = WorkingCalendar.WeekendsOnly.AddWorkingDays(China.Instant(start), days);

        Assert.Equal(China.Instant(due), actual);
    }

    [Theory]
    [InlineData("2025-09-30T10:00:00+08:00", 1, "2025-10-09T10:00:00+08:00")] // the whole holiday is skipped
    [InlineData("2025-09-26T10:00:00+08:00", 1, "2025-09-28T10:00:00+08:00")] // Friday → make-up Sunday
    [InlineData("2025-09-26T10:00:00+08:00", 2, "2025-09-29T10:00:00+08:00")]
    [InlineData("2025-10-10T10:00:00+08:00", 1, "2025-10-11T10:00:00+08:00")] // Friday → make-up Saturday
    [InlineData("2025-10-10T10:00:00+08:00", 2, "2025-10-13T10:00:00+08:00")]
    public void Holidays_are_skipped_and_make_up_weekends_count(string start, int days, string due)
    {
        var actual = NationalDay2025.AddWorkingDays(China.Instant(start), days);

        Assert.Equal(China.Instant(due), actual);
    }

    [Theory]
    // Thursday 16:30Z is already Friday 00:30 in China: the next working day is Monday, not Friday.
    [InlineData("2026-05-14T16:30:00Z", "2026-05-17T16:30:00Z")]
    // Thursday 17:00Z is Friday 01:00 in China: due Monday 01:00 in China, which is Sunday 17:00Z.
    [InlineData("2026-05-14T17:00:00Z", "2026-05-17T17:00:00Z")]
    // Friday 15:59Z is still Friday 23:59 in China: due Monday 23:59 in China.
    [InlineData("2026-05-15T15:59:00Z", "2026-05-18T15:59:00Z")]
    public void Days_are_counted_on_the_China_date_of_a_UTC_instant(string start, string due)
    {
        var actual = WorkingCalendar.WeekendsOnly.AddWorkingDays(China.Instant(start), 1);

        Assert.Equal(China.Instant(due), actual);
    }

    [Fact]
    public void A_holiday_that_follows_only_in_UTC_terms_is_still_skipped()
    {
        // Given 2025-09-29T16:30Z: Monday in UTC, already Tuesday 30 September 00:30 in China, the eve of the holiday
        var start = China.Instant("2025-09-29T16:30:00Z");

        // When one working day is added
        var due = NationalDay2025.AddWorkingDays(start, 1);

        // Then the next working day in China is 9 October (counting from the UTC date would give 1 October, a holiday)
        Assert.Equal(China.Instant("2025-10-09T00:30:00+08:00"), due);
    }

    /// <summary>
    /// The review is due "within 1 working day" (DESIGN.md), and <see cref="WorkingCalendar.AddWorkingDays"/> promises that
    /// "every request gets a whole working day whenever it arrives". A request that arrives on a weekend or a holiday
    /// can be worked on only from the next working day, so it must not fall due before that working day has ended,
    /// nor (keeping the clock time) after the same time on the working day after it.
    /// </summary>
    [Theory]
    [InlineData("2026-05-16T10:00:00+08:00", "2026-05-19T00:00:00+08:00", "2026-05-19T10:00:00+08:00")] // Saturday: all of Monday
    [InlineData("2025-10-01T10:00:00+08:00", "2025-10-10T00:00:00+08:00", "2025-10-10T10:00:00+08:00")] // holiday: all of 9 October
    [InlineData("2025-09-27T10:00:00+08:00", "2025-09-29T00:00:00+08:00", "2025-09-29T10:00:00+08:00")] // Saturday: all of make-up Sunday
    public void Arriving_on_a_non_working_day_still_leaves_a_whole_working_day(string start, string notBefore, string notAfter)
    {
        // Given a request that arrives when agencies do not work
        var arrived = China.Instant(start);

        // When one working day is added
        var due = NationalDay2025.AddWorkingDays(arrived, 1);

        // Then the whole of the next working day is left for it
        Assert.InRange(due, China.Instant(notBefore), China.Instant(notAfter));
    }

    [Fact]
    public void The_due_time_is_returned_in_UTC()
    {
        var due = WorkingCalendar.WeekendsOnly.AddWorkingDays(China.At(2026, 5, 11, 10, 0), 1);

        Assert.Equal(TimeSpan.Zero, due.Offset);
        Assert.Equal(China.Utc(2026, 5, 12, 2, 0), due);
    }
}
