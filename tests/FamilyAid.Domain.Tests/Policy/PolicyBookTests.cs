using System.Collections.Frozen;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Policy;

/// <summary>Picking the version of a region in force on a China date, boundaries included.</summary>
public class PolicyBookTests
{
    private static readonly RegionPolicy National2021 = RegionPolicy.National with
    {
        Version = "national-2021", EffectiveFrom = new DateOnly(2021, 4, 13), AllowedRelations = RegionPolicy.ImmediateFamily,
    };

    private static readonly RegionPolicy National2026 = RegionPolicy.National with
    {
        Version = "national-2026", EffectiveFrom = new DateOnly(2026, 1, 9), CrossProvince = new CrossProvinceRule(false, 16),
    };

    private static readonly RegionPolicy Guangdong2024 = RegionPolicy.Guangdong with
    {
        Version = "guangdong-2024", EffectiveFrom = new DateOnly(2024, 12, 1), AllowedRelations = RegionPolicy.NearRelatives,
    };

    private static PolicyBook Book(params RegionPolicy[] versions) => PolicyBook.Of(versions).Book!;

    [Theory]
    [InlineData("2023-01-01", "guangdong-2023")]
    [InlineData("2024-11-30", "guangdong-2023")]
    [InlineData("2024-12-01", "guangdong-2024")]
    [InlineData("2030-06-01", "guangdong-2024")]
    public void The_version_in_force_is_the_last_that_started_on_or_before_the_date(string date, string expected)
    {
        // Given guangdong's 2023 version and its 2024 widening (listed out of order)
        var book = Book(National2021, Guangdong2024, RegionPolicy.Guangdong);

        // When the version in force on the date is asked for
        var version = book.InForce("guangdong", DateOnly.Parse(date, CultureInfo.InvariantCulture));

        // Then it is the one that started last, on or before that day
        Assert.Equal(expected, version!.Version);
    }

    [Fact]
    public void Before_its_first_version_a_region_follows_the_national_version_under_its_own_code()
    {
        // Given guangdong's first version from 2023 and national versions from 2021
        var book = Book(National2021, RegionPolicy.National, RegionPolicy.Guangdong);

        // When guangdong's version on 2022-12-31 is asked for
        var version = book.InForce("guangdong", new DateOnly(2022, 12, 31))!;

        // Then it is the national 2021 version, for guangdong
        Assert.Equal(("national-2021", "guangdong"), (version.Version, version.Region));
        Assert.Equal(RegionPolicy.ImmediateFamily, version.AllowedRelations);
    }

    [Fact]
    public void Unknown_regions_and_dates_before_every_version_have_none()
    {
        var book = Book(National2021, RegionPolicy.Guangdong);

        Assert.Null(book.InForce("atlantis", new DateOnly(2025, 1, 1)));
        Assert.Null(book.InForce("guangdong", new DateOnly(2021, 4, 12)));
        Assert.False(book.Knows("atlantis"));
    }

    [Fact]
    public void Upcoming_lists_the_versions_that_start_after_the_date_in_order()
    {
        // Given national versions of 2021, 2024 and 2026
        var book = Book(National2026, National2021, RegionPolicy.National);

        // When the versions ahead of 2024-07-26 (the 2024 version's first day) are asked for
        var upcoming = book.Upcoming("national", new DateOnly(2024, 7, 26));

        // Then only the 2026 version is ahead
        Assert.Equal(["national-2026"], upcoming.Select(v => v.Version));
        Assert.Equal("national-2024", book.InForce("national", new DateOnly(2024, 7, 26))!.Version);
        Assert.Equal("national-2021", book.InForce("national", new DateOnly(2024, 7, 25))!.Version);
    }

    [Fact]
    public void A_book_with_a_version_id_twice_two_versions_on_one_day_or_no_national_version_is_refused()
    {
        Assert.Contains("'national-2024' is used twice", PolicyBook.Of([RegionPolicy.National, RegionPolicy.National]).Fault);
        Assert.Contains("two versions from 2021-04-13",
            PolicyBook.Of([National2021, National2021 with { Version = "national-2021b" }]).Fault);
        Assert.Contains("no 'national' version", PolicyBook.Of([RegionPolicy.Guangdong]).Fault);
    }

    [Fact]
    public void A_version_is_found_by_its_id()
    {
        var book = Book(National2021, RegionPolicy.National);

        Assert.Same(National2021, book.Version("national-2021"));
        Assert.Null(book.Version("national-1999"));
    }

    [Theory]
    [InlineData(SpendingCategory.Wellness)]
    [InlineData(SpendingCategory.Fitness)]
    [InlineData(SpendingCategory.PublicHealth)]
    public void Wellness_fitness_and_public_health_are_never_covered_even_when_a_version_lists_them(SpendingCategory category)
    {
        // Given a version whose data lists every category as a use
        var version = RegionPolicy.Gansu with { AllowedUses = Enum.GetValues<SpendingCategory>().ToFrozenSet() };

        // When it is asked whether accounts may pay for 养生保健, fitness or public health, Then never
        Assert.False(version.Covers(category));
        Assert.True(version.Covers(SpendingCategory.Pharmacy));
    }

    [Fact]
    public void A_use_the_version_leaves_out_is_not_covered()
    {
        // Given a version that allows pharmacy purchases only
        var version = RegionPolicy.Gansu with { AllowedUses = new[] { SpendingCategory.Pharmacy }.ToFrozenSet() };

        // Then an inpatient bill is not covered by it, and a premium follows its premium flag
        Assert.False(version.Covers(SpendingCategory.Inpatient));
        Assert.True(version.Covers(SpendingCategory.ResidentPremium));
        Assert.False((version with { ResidentPremiumCovered = false }).Covers(SpendingCategory.ResidentPremium));
    }

    [Theory]
    [InlineData("21:59", false)]
    [InlineData("22:00", true)]
    [InlineData("03:00", true)]
    [InlineData("05:59", true)]
    [InlineData("06:00", false)]
    public void The_wallet_quiet_hours_run_from_22_to_6_China_time(string time, bool quiet) =>
        Assert.Equal(quiet, TransferLimits.Wallet2025.IsQuiet(TimeOnly.Parse(time, CultureInfo.InvariantCulture)));
}
