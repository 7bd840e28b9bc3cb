using FamilyAid.Domain.Policy;

namespace FamilyAid.Functions.PolicyVersions;

/// <summary>A region's policy as <c>GET /api/policies/{region}</c> shows it: the version in force and those ahead, each
/// as the policy files state a version.</summary>
public sealed record PolicyView(string Region, PolicyFile.Entry InForce, IReadOnlyList<PolicyFile.Entry> Upcoming)
{
    /// <summary>The view of <paramref name="region"/> on <paramref name="chinaDate"/>, or null when it has no version in force.</summary>
    public static PolicyView? Of(PolicyBook book, string region, DateOnly chinaDate) =>
        book.InForce(region, chinaDate) is { } inForce
            ? new(region, PolicyFile.Entry.Of(inForce), [.. book.Upcoming(region, chinaDate).Select(PolicyFile.Entry.Of)])
            : null;
}
