namespace FamilyAid.Domain.Tests.Identity;

public class AgeTests
{
    [Theory]
    [InlineData("2010-05-10", "2026-05-09", 15)] // the day before the 16th birthday
    [InlineData("2010-05-10", "2026-05-10", 16)] // turning 16 today counts as 16 (以上 includes the number)
    [InlineData("2010-05-10", "2026-05-11", 16)]
    [InlineData("2010-05-10", "2027-05-09", 16)]
    [InlineData("2010-05-10", "2027-05-10", 17)]
    [InlineData("2010-12-31", "2026-12-30", 15)]
    [InlineData("2010-12-31", "2026-12-31", 16)]
    [InlineData("2011-01-01", "2026-12-31", 15)]
    [InlineData("2010-05-10", "2011-05-09", 0)]
    [InlineData("2010-05-10", "2011-05-10", 1)]
    [InlineData("1949-12-31", "2026-05-10", 76)]
    public void Full_years_count_on_the_birthday_itself(string birth, string today, int expected)
    {
        Assert.Equal(expected, Age.InYears(China.Date(birth), China.Date(today)));
    }

    [Theory]
    [InlineData("2008-02-29", "2025-02-27", 16)]
    [InlineData("2008-02-29", "2025-02-28", 17)] // a common year: a year older on 28 February (民法典 art. 202)
    [InlineData("2008-02-29", "2025-03-01", 17)]
    [InlineData("2008-02-29", "2023-02-28", 15)]
    [InlineData("2008-02-29", "2026-02-28", 18)]
    [InlineData("2008-02-29", "2024-02-28", 15)] // a leap year: the birthday exists, not yet
    [InlineData("2008-02-29", "2024-02-29", 16)]
    [InlineData("2008-02-29", "2009-02-27", 0)]
    [InlineData("2008-02-29", "2009-02-28", 1)]
    [InlineData("2000-02-29", "2100-02-28", 100)] // 2100 is a common year too
    public void Born_on_29_February(string birth, string today, int expected)
    {
        Assert.Equal(expected, Age.InYears(China.Date(birth), China.Date(today)));
    }

    [Theory]
    [InlineData("2010-05-10", "2010-05-10")]
    [InlineData("2010-05-10", "2010-05-09")]
    [InlineData("2010-05-10", "1990-01-01")]
    public void On_or_before_birth_the_age_is_zero(string birth, string today)
    {
        Assert.Equal(0, Age.InYears(China.Date(birth), China.Date(today)));
    }

    [Theory]
    [InlineData("2026-05-09T15:59:59Z", "2026-05-09")]
    [InlineData("2026-05-09T16:00:00Z", "2026-05-10")] // midnight in China
    [InlineData("2026-05-09T16:30:00Z", "2026-05-10")]
    [InlineData("2026-05-09T23:59:59Z", "2026-05-10")]
    [InlineData("2026-05-10T00:00:00+08:00", "2026-05-10")]
    [InlineData("2026-05-09T23:59:59+08:00", "2026-05-09")]
    [InlineData("2026-05-09T11:00:00-05:00", "2026-05-10")] // 16:00Z written in another offset
    [InlineData("2026-12-31T16:00:00Z", "2027-01-01")]
    public void ChinaDate_is_the_calendar_date_at_UTC_plus_8(string instant, string expected)
    {
        Assert.Equal(China.Date(expected), Age.ChinaDate(China.Instant(instant)));
    }

    [Fact]
    public void China_offset_is_eight_hours()
    {
        Assert.Equal(TimeSpan.FromHours(8), Age.ChinaOffset);
    }

    [Theory]
    [InlineData("2026-05-09T15:59:59Z", 15)]
    [InlineData("2026-05-09T16:30:00Z", 16)] // still 9 May in UTC, already the birthday in China
    public void A_birthday_begins_at_midnight_in_China_not_in_UTC(string instant, int expected)
    {
        // Given someone born on 2010-05-10
        var birth = TestPeople.SixteenOn20260510;

        // When the age is taken at an instant
        var age = Age.InYears(birth, Age.ChinaDate(China.Instant(instant)));

        // Then the China date decides
        Assert.Equal(expected, age);
    }
}
