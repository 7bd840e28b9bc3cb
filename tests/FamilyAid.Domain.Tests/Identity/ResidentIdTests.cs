namespace FamilyAid.Domain.Tests.Identity;

public class ResidentIdTests
{
    // Check characters below were worked out independently of the code under test (GB 11643 weights, MOD 11-2);
    // 11010519491231002X is the specimen number printed in the standard's commentaries.

    [Theory]
    [InlineData("440106201005101238", "2010-05-10")]
    [InlineData("11010519491231002X", "1949-12-31")]
    [InlineData("44010620100510018X", "2010-05-10")]
    [InlineData("440106199003071231", "1990-03-07")]
    [InlineData("440106200001010019", "2000-01-01")]
    public void Valid_number_parses_with_its_birth_date(string text, string birthDate)
    {
        // Given a number with a correct check character

        // When it is parsed
        var parsed = ResidentId.TryParse(text, out var id);

        // Then it is accepted, unchanged, with the birth date from digits 7–14
        Assert.True(parsed);
        Assert.NotNull(id);
        Assert.Equal(text, id.Value);
        Assert.Equal(China.Date(birthDate), id.BirthDate);
    }

    [Theory]
    [InlineData("11010519491231002x", "11010519491231002X")]
    [InlineData("44010620100510018x", "44010620100510018X")]
    public void Lower_case_x_is_accepted_and_normalised_to_upper_case(string typed, string normalised)
    {
        // Given a number typed with a lower-case x check character

        // When it is parsed
        var parsed = ResidentId.TryParse(typed, out var id);

        // Then it is accepted and stored with an upper-case X
        Assert.True(parsed);
        Assert.Equal(normalised, id!.Value);
        Assert.Equal(TestIds.Parse(normalised), id);
    }

    [Theory]
    [InlineData("11010519491231002", 'X')]
    [InlineData("44010620100510018", 'X')]
    [InlineData("44010620100510123", '8')]
    [InlineData("44010620100510001", '6')]
    [InlineData("44010619900307123", '1')]
    [InlineData("44010620000101002", '7')]
    public void CheckCharacterFor_computes_the_mod_11_2_check_character(string first17, char expected)
    {
        // Given 17 digits; When the check character is computed; Then it is the one GB 11643 gives
        Assert.Equal(expected, ResidentId.CheckCharacterFor(first17));
    }

    [Theory]
    [InlineData("4401062010051012")]
    [InlineData("440106201005101234")]
    public void CheckCharacterFor_needs_exactly_17_digits(string digits)
    {
        Assert.Throws<ArgumentException>(() => ResidentId.CheckCharacterFor(digits));
    }

    [Theory]
    [InlineData("440106201005101238")]
    [InlineData("11010519491231002X")]
    [InlineData("44010620100510018X")]
    public void Every_other_check_character_is_refused(string valid)
    {
        // Given a valid number
        Assert.True(ResidentId.TryParse(valid, out _));

        foreach (var wrong in "0123456789Xx".Where(c => char.ToUpperInvariant(c) != valid[17]))
        {
            // When its check character is replaced by any other
            var text = string.Concat(valid.AsSpan(0, 17), wrong.ToString());

            // Then it is refused
            Assert.False(ResidentId.TryParse(text, out var id), $"{text} has a wrong check character");
            Assert.Null(id);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("44010620100510123")]
    [InlineData("4401062010051012388")]
    [InlineData(" 440106201005101238")]
    [InlineData("440106201005101238 ")]
    [InlineData("110105194912310")]
    public void Wrong_length_is_refused(string? text)
    {
        Assert.False(ResidentId.TryParse(text, out var id));
        Assert.Null(id);
    }

    [Theory]
    [InlineData("A40106201005101238")]
    [InlineData("44010X201005101238")]
    [InlineData("4401062010-5101238")]
    [InlineData("44010620100510 238")]
    [InlineData("４40106201005101238")] // full-width 4
    [InlineData("440106２01005101238")] // full-width 2
    [InlineData("4401062010051012X8")]
    public void Non_digit_in_the_first_17_is_refused(string text)
    {
        Assert.False(ResidentId.TryParse(text, out _));
    }

    [Fact]
    public void A_non_digit_that_happens_to_satisfy_the_check_sum_is_still_refused()
    {
        // Given 17 characters where ':' (the code point after '9') sits at a position of weight 1
        // (':' - '0' = 10 ≡ 1 × 10): the arithmetic check character is computable
        var first17 = "4401062:100510123";
        var check = ResidentId.CheckCharacterFor(first17);

        // When it is parsed with that check character
        var parsed = ResidentId.TryParse(first17 + check, out _);

        // Then it is refused for the non-digit, not passed by the sum
        Assert.False(parsed);
    }

    [Theory]
    [InlineData("440106202313010017")] // month 13 (check character correct)
    [InlineData("44010620230001001")] // month 00
    [InlineData("44010620230100001")] // day 00
    [InlineData("44010620230132001")] // 32 January
    [InlineData("44010620230431001")] // 31 April
    [InlineData("440106202302300019")] // 30 February
    [InlineData("440106202302290017")] // 29 February 2023, a common year
    [InlineData("44010619000229001")] // 29 February 1900: divisible by 100, not a leap year
    [InlineData("440106189912310018")] // 1899: before 1900
    [InlineData("44010600000101001")] // year 0
    public void Impossible_birth_date_is_refused_even_with_a_correct_check_character(string text)
    {
        // Given a number whose check character is right but whose digits 7–14 are no real date ≥ 1900
        var complete = text.Length == 17 ? TestIds.Complete(text) : text;
        Assert.Equal(complete[17], ResidentId.CheckCharacterFor(complete.AsSpan(0, 17)));

        // When it is parsed
        var parsed = ResidentId.TryParse(complete, out var id);

        // Then it is refused
        Assert.False(parsed);
        Assert.Null(id);
    }

    [Theory]
    [InlineData("440106200002290016", "2000-02-29")] // 2000: divisible by 400, a leap year
    [InlineData("440106202402290014", "2024-02-29")]
    [InlineData("440106200802290014", "2008-02-29")]
    [InlineData("44010619000101001", "1900-01-01")] // the earliest year accepted
    [InlineData("44010620231231001", "2023-12-31")]
    public void Leap_days_and_boundary_dates_that_exist_are_accepted(string text, string birthDate)
    {
        var complete = text.Length == 17 ? TestIds.Complete(text) : text;

        var parsed = ResidentId.TryParse(complete, out var id);

        Assert.True(parsed);
        Assert.Equal(China.Date(birthDate), id!.BirthDate);
    }

    [Theory]
    [InlineData("2026-11-24", true)] // born today
    [InlineData("2026-11-25", false)] // born tomorrow
    [InlineData("2027-01-01", false)]
    public void A_birth_date_after_today_is_refused(string birthDate, bool accepted)
    {
        // Given a well-formed number born on birthDate, and today 2026-11-24 in China
        var text = TestIds.Text(China.Date(birthDate));
        var today = China.Date("2026-11-24");

        // When it is parsed for today
        var parsed = ResidentId.TryParse(text, today, out var id);

        // Then a birth date up to today is accepted, one after it refused
        Assert.Equal(accepted, parsed);
        Assert.Equal(accepted, id is not null);
    }

    [Theory]
    [InlineData(0, Sex.Female)]
    [InlineData(1, Sex.Male)]
    [InlineData(2, Sex.Female)]
    [InlineData(3, Sex.Male)]
    [InlineData(4, Sex.Female)]
    [InlineData(5, Sex.Male)]
    [InlineData(6, Sex.Female)]
    [InlineData(7, Sex.Male)]
    [InlineData(8, Sex.Female)]
    [InlineData(9, Sex.Male)]
    public void Sex_comes_from_the_parity_of_digit_17(int digit17, Sex expected)
    {
        // Given a number whose sequence ends in digit17, and a digit 16 of the other parity to catch an off-by-one
        var sequence = (digit17 % 2 == 0 ? 10 : 20) + digit17;
        var id = TestIds.Born(new DateOnly(1990, 3, 7), sequence);
        Assert.Equal((char)('0' + digit17), id.Value[16]);

        // Then the sex is read from digit 17
        Assert.Equal(expected, id.Sex);
    }

    [Fact]
    public void Sex_of_the_specimen_numbers()
    {
        Assert.Equal(Sex.Female, TestIds.Parse("11010519491231002X").Sex);
        Assert.Equal(Sex.Male, TestIds.Parse("440106201005101238").Sex);
    }

    [Theory]
    [InlineData("440106201005101238", "440106********1238")]
    [InlineData("11010519491231002X", "110105********002X")]
    [InlineData("11010519491231002x", "110105********002X")]
    public void Masked_is_the_area_code_eight_stars_and_the_last_four(string text, string masked)
    {
        var id = TestIds.Parse(text);

        Assert.Equal(masked, id.Masked);
        Assert.Equal(18, id.Masked.Length);
    }

    [Theory]
    [InlineData("440106201005101238")]
    [InlineData("11010519491231002X")]
    public void ToString_and_interpolation_never_show_the_number(string text)
    {
        // Given a parsed number
        var id = TestIds.Parse(text);

        // When it ends up in a string by accident
        var shown = id.ToString();
        var logLine = $"binding for {id} refused";

        // Then only the masked form appears: no full number, no birth date
        Assert.Equal(id.Masked, shown);
        Assert.DoesNotContain(text, shown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(text, logLine, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(text.Substring(6, 8), logLine, StringComparison.Ordinal);
        Assert.Contains(id.Masked, logLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_numbers_are_equal_and_hash_alike()
    {
        var a = TestIds.Parse("11010519491231002X");
        var b = TestIds.Parse("11010519491231002x");

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Single(new HashSet<ResidentId> { a, b });
    }

    [Fact]
    public void Different_numbers_are_not_equal()
    {
        var a = TestIds.Parse("440106201005101238");
        var b = TestIds.Parse("44010620100510018X");

        Assert.False(a.Equals(b));
        Assert.NotEqual(a, b);
        Assert.False(a.Equals(null));
        Assert.False(a.Equals((object)"440106201005101238"));
    }

    [Fact]
    public void AgeOn_counts_full_years_from_the_birth_date_in_the_number()
    {
        var id = TestIds.Parse("440106201005101238");

        Assert.Equal(15, id.AgeOn(new DateOnly(2026, 5, 9)));
        Assert.Equal(16, id.AgeOn(new DateOnly(2026, 5, 10)));
    }

    [Fact]
    public void Test_id_builder_makes_valid_numbers_with_area_code_and_birth_date()
    {
        var id = TestIds.Born(new DateOnly(2010, 5, 10), 123);

        Assert.Equal("440106201005101238", id.Value);
        Assert.StartsWith(TestIds.AreaCode + "20100510", TestIds.Born(new DateOnly(2010, 5, 10)).Value, StringComparison.Ordinal);
    }
}
