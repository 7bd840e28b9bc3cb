using System.Collections.Frozen;
using FamilyAid.Domain.Identity;

namespace FamilyAid.Domain.Policy;

/// <summary>Working days in China: Monday to Friday less public holidays, plus make-up working weekends (调休).</summary>
public sealed record WorkingCalendar(FrozenSet<DateOnly> Holidays, FrozenSet<DateOnly> WorkingWeekends)
{
    /// <summary>Weekends only, no holidays.</summary>
    public static readonly WorkingCalendar WeekendsOnly = new(FrozenSet<DateOnly>.Empty, FrozenSet<DateOnly>.Empty);

    /// <summary>Whether agencies work on <paramref name="date"/>.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        WorkingWeekends.Contains(date) ||
        (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(date));

    /// <summary>The same time of day <paramref name="days"/> working days after <paramref name="start"/>, in China.</summary>
    /// <remarks>A request submitted on a Friday evening is due on Monday evening: the clock time is kept
    /// so that every request gets a whole working day whenever it arrives. One that arrives on a weekend or
    /// holiday counts from the start of the next working day, so it is due at the end of that day.</remarks>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        var local = start.ToOffset(Age.ChinaOffset);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (!IsWorkingDay(date))
        {
            do
            {
                date = date.AddDays(1);
            }
            while (!IsWorkingDay(date));

            local = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Age.ChinaOffset);
        }
        var remaining = days;
        while (remaining > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        var due = new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(local.TimeOfDay)), Age.ChinaOffset);
        return due.ToUniversalTime();
    }
}
