using FamilyAid.Domain.Identity;

namespace FamilyAid.Functions.Tests.Infrastructure;

/// <summary>Valid resident IDs, random enough that tests sharing one Azurite never collide.</summary>
public static class TestIds
{
    public static string Born(DateOnly birthDate)
    {
        var area = Random.Shared.Next(110000, 660000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sequence = Random.Shared.Next(0, 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        var first17 = $"{area}{birthDate:yyyyMMdd}{sequence}";
        return first17 + ResidentId.CheckCharacterFor(first17);
    }

    /// <summary>An adult (born 1980).</summary>
    public static string Adult() => Born(new DateOnly(1980, 1, 1).AddDays(Random.Shared.Next(0, 3650)));
}
