using System.Text.Json;

namespace FamilyAid.Functions.Http;

/// <summary>Enum values as the API spells them (<c>in-review</c>, <c>maternal-grandparent</c>), for text outside JSON.</summary>
public static class Wire
{
    /// <summary>The wire name of <paramref name="value"/>.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
