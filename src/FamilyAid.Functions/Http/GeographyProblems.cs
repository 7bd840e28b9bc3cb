using FamilyAid.Domain.Geography;

namespace FamilyAid.Functions.Http;

/// <summary>Problems of places: GB/T 2260 division codes (institutions' cities, remote registrations' destinations).</summary>
public static class GeographyProblems
{
    /// <summary>400: <paramref name="field"/> names no division this build knows (in <paramref name="province"/>, when given).</summary>
    public static Problem UnknownDivision(string field, Province? province = null) =>
        new(400, "unknown-division", "Unknown division code.",
            $"{field}: must be a six-digit GB/T 2260 city-level code{(province is null ? "" : $" of {province.Slug} ({province.Code}xxxx)")}.")
        {
            Extensions = new Dictionary<string, object?> { ["field"] = field },
        };
}
