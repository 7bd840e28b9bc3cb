using FamilyAid.Domain.Geography;

namespace FamilyAid.Domain.Tests.Geography;

public sealed class DivisionsTests
{
    [Theory]
    [InlineData("440100", "guangdong", "广州市")]
    [InlineData("440300", "guangdong", "深圳市")]
    [InlineData("620100", "gansu", "兰州市")]
    [InlineData("110105", "beijing", "朝阳区")]
    [InlineData("500101", "chongqing", "万州区")]
    [InlineData("419001", "henan", "济源市")]
    [InlineData("659001", "bingtuan", "石河子市")]
    public void A_known_city_code_is_within_its_province(string code, string slug, string name)
    {
        // Given the embedded division list, when a city code is looked up
        var province = Province.ForSlug(slug)!;

        // Then it is found with its name, and is within its province
        Assert.Equal(name, Divisions.Find(code)?.Name);
        Assert.True(Divisions.Within(code, province));
    }

    [Theory]
    [InlineData("440100", "gansu")]
    [InlineData("440199", "guangdong")]
    [InlineData("4401", "guangdong")]
    [InlineData("110000", "beijing")]
    [InlineData("810000", "guangdong")]
    [InlineData(null, "guangdong")]
    public void An_unknown_code_or_one_of_another_province_is_not_within(string? code, string slug) =>
        Assert.False(Divisions.Within(code, Province.ForSlug(slug)!));

    [Fact]
    public void Every_division_belongs_to_a_known_province()
    {
        // Given every embedded division, then each has a six-digit code whose first two digits are its province
        Assert.True(Divisions.All.Count > 400);
        Assert.All(Divisions.All, d =>
        {
            Assert.Matches("^[0-9]{6}$", d.Code);
            Assert.Equal(d.ProvinceCode, Province.ForDivision(d.Code)?.Code);
        });
    }
}
