namespace FamilyAid.Domain.Identity;

/// <summary>Age in full years (周岁) on a calendar date in China.</summary>
public static class Age
{
    /// <summary>China Standard Time: UTC+8 all year, no daylight saving.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>Full years from <paramref name="birthDate"/> to <paramref name="today"/>.</summary>
    /// <remarks>
    /// A birthday counts on the day itself (exactly 16 is 16: 民法典 art. 1259, 以上 includes the number).
    /// Someone born on 29 February has no birthday in a common year; 民法典 art. 202 ends such a period
    /// on the last day of the month, so they turn a year older on 28 February. Before birth the age is 0.
    /// </remarks>
    public static int InYears(DateOnly birthDate, DateOnly today)
    {
        if (today <= birthDate)
        {
            return 0;
        }

        var years = today.Year - birthDate.Year;
        // AddYears maps 29 Feb to 28 Feb in a common year, which is art. 202's rule.
        return birthDate.AddYears(years) > today ? years - 1 : years;
    }

    /// <summary>The calendar date in China at the instant <paramref name="now"/>.</summary>
    public static DateOnly ChinaDate(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(ChinaOffset).DateTime);
}
