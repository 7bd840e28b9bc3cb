using System.Collections.Frozen;
using System.Collections.Immutable;

namespace FamilyAid.Domain.Policy;

/// <summary>Every region's policy versions (政策版本), each in force from its effective China date until the next.</summary>
/// <remarks>A region with no version of its own in force on a date follows the national version in force then, under
/// its own region code: the national rules are the default the provinces implement.</remarks>
public sealed class PolicyBook
{
    private readonly FrozenDictionary<string, ImmutableArray<RegionPolicy>> versions;
    private readonly FrozenDictionary<string, RegionPolicy> byId;

    private PolicyBook(FrozenDictionary<string, ImmutableArray<RegionPolicy>> versions)
    {
        this.versions = versions;
        byId = versions.Values.SelectMany(v => v).ToFrozenDictionary(v => v.Version, StringComparer.Ordinal);
    }

    /// <summary>The book of these versions, or the first fault in them (a version id twice, two versions of a region on one
    /// date, no national version).</summary>
    public static (PolicyBook? Book, string? Fault) Of(IEnumerable<RegionPolicy> all)
    {
        var list = all.ToList();
        if (list.GroupBy(v => v.Version, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return (null, $"version id '{twice.Key}' is used twice");
        }

        var byRegion = list.GroupBy(v => v.Region, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(v => v.EffectiveFrom).ToImmutableArray(), StringComparer.Ordinal);
        foreach (var (region, ordered) in byRegion)
        {
            if (ordered.Zip(ordered.Skip(1)).FirstOrDefault(p => p.First.EffectiveFrom == p.Second.EffectiveFrom) is { First: not null } same)
            {
                return (null, $"region '{region}' has two versions from {same.First.EffectiveFrom:yyyy-MM-dd} ('{same.First.Version}', '{same.Second.Version}')");
            }
        }

        return byRegion.ContainsKey(RegionPolicy.NationalRegion)
            ? (new PolicyBook(byRegion), null)
            : (null, $"there is no '{RegionPolicy.NationalRegion}' version");
    }

    /// <summary>The book of the domain's seed versions (<see cref="RegionPolicy.All"/>), for tests.</summary>
    public static PolicyBook Seeds { get; } = Of(RegionPolicy.All.Values).Book!;

    /// <summary>The regions that have versions of their own.</summary>
    public IEnumerable<string> Regions => versions.Keys;

    /// <summary>Whether the book has versions for <paramref name="region"/>.</summary>
    public bool Knows(string? region) => region is not null && versions.ContainsKey(region);

    /// <summary>The version with this id, or null.</summary>
    public RegionPolicy? Version(string? id) => id is not null && byId.TryGetValue(id, out var version) ? version : null;

    /// <summary>The version of <paramref name="region"/> in force on <paramref name="chinaDate"/> (the national one, under
    /// the region's code, before the region's first); null for an unknown region or before any version.</summary>
    public RegionPolicy? InForce(string? region, DateOnly chinaDate)
    {
        if (region is null || !versions.TryGetValue(region, out var own))
        {
            return null;
        }

        var version = own.LastOrDefault(v => v.EffectiveFrom <= chinaDate);
        if (version is not null || region == RegionPolicy.NationalRegion)
        {
            return version;
        }

        return InForce(RegionPolicy.NationalRegion, chinaDate) is { } national ? national with { Region = region } : null;
    }

    /// <summary>The versions of <paramref name="region"/> that come into force after <paramref name="chinaDate"/>, in order.</summary>
    public ImmutableArray<RegionPolicy> Upcoming(string region, DateOnly chinaDate) =>
        versions.TryGetValue(region, out var own) ? [.. own.Where(v => v.EffectiveFrom > chinaDate)] : [];
}
