using FamilyAid.Domain.Geography;

namespace FamilyAid.Domain.Tests.Geography;

public sealed class ProvinceTests
{
    [Fact]
    public void Thirty_one_provinces_and_bingtuan_each_with_one_slug_and_one_code()
    {
        Assert.Equal(32, Province.All.Count);
        Assert.Equal(32, Province.All.Select(p => p.Slug).Distinct().Count());
        Assert.Equal(32, Province.All.Select(p => p.Code).Distinct().Count());
    }

    [Theory]
    [InlineData("440100", "guangdong")]
    [InlineData("620100", "gansu")]
    [InlineData("61", "shaanxi")]
    [InlineData("14", "shanxi")]
    public void A_division_code_names_its_province(string code, string slug) =>
        Assert.Equal(slug, Province.ForDivision(code)?.Slug);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("99")]
    [InlineData("4401")]
    [InlineData("810000")]
    public void Unknown_or_malformed_codes_name_no_province(string? code) => Assert.Null(Province.ForDivision(code));

    [Fact]
    public void Slugs_are_found_and_unknown_ones_are_not()
    {
        Assert.Equal("44", Province.ForSlug("guangdong")?.Code);
        Assert.Null(Province.ForSlug("national"));
        Assert.Null(Province.ForSlug("Guangdong"));
    }
}
