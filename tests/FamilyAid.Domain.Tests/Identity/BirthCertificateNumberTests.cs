namespace FamilyAid.Domain.Tests.Identity;

/// <summary>出生医学证明 numbers: one letter and nine digits; shown and printed masked.</summary>
public class BirthCertificateNumberTests
{
    [Theory]
    [InlineData("O440123456", "O440123456")]
    [InlineData("o440123456", "O440123456")] // the letter as people type it
    [InlineData("M000000001", "M000000001")]
    [InlineData("Z999999999", "Z999999999")]
    public void The_letter_and_nine_digits_form_is_accepted_and_normalised(string text, string value)
    {
        Assert.True(BirthCertificateNumber.TryParse(text, out var number));
        Assert.Equal(value, number.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("O44012345")] // eight digits
    [InlineData("O4401234567")] // ten digits
    [InlineData("4401234567")] // no letter
    [InlineData("OO40123456")] // two letters
    [InlineData("O44012345X")]
    [InlineData(" O440123456")]
    [InlineData("O440123456 ")]
    [InlineData("O 44012345")]
    [InlineData("Ö440123456")] // not an ASCII letter
    [InlineData("O４４0123456")] // full-width digits
    [InlineData("O٤٤٠١٢٣٤٥٦")] // Arabic-Indic digits
    [InlineData("11010519491231002X")] // a resident ID
    public void Anything_else_is_refused(string? text)
    {
        Assert.False(BirthCertificateNumber.TryParse(text, out var number));
        Assert.Null(number);
    }

    [Fact]
    public void It_is_shown_and_printed_masked_never_in_full()
    {
        Assert.True(BirthCertificateNumber.TryParse("o440123456", out var number));

        Assert.Equal("O*******56", number.Masked);
        Assert.Equal("O*******56", number.ToString());
        Assert.Equal("O*******56", $"{number}");
    }

    [Fact]
    public void Numbers_are_equal_by_value()
    {
        Assert.True(BirthCertificateNumber.TryParse("o440123456", out var a));
        Assert.True(BirthCertificateNumber.TryParse("O440123456", out var b));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }
}
