using System.Collections.Frozen;
using FamilyAid.Domain.Ledger;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Functions.PolicyVersions;

/// <summary>Checks one version as a file states it and turns them into a <see cref="RegionPolicy"/>.</summary>
internal static class PolicyRules
{
    /// <summary>The rules for <paramref name="region"/>, or the first fault, starting with the field's name.</summary>
    public static (RegionPolicy? Rules, string? Fault) Read(PolicyFile.Entry rules, string region)
    {
        var fault = Fault(rules);
        if (fault is not null)
        {
            return (null, fault);
        }

        var policy = new RegionPolicy(
            region, rules.Relations.ToFrozenSet(), [.. rules.Documents], rules.CommitmentInApp, rules.AgencyReview, rules.FaceCheckMinAge,
            rules.GroupLimit, rules.Funding, ResidentPremiumCovered: rules.Premiums.Contains("resident"))
        {
            Version = rules.Version.Replace("{region}", region, StringComparison.Ordinal),
            EffectiveFrom = rules.EffectiveFrom,
            Source = rules.Source,
            AllowedUses = rules.Uses.ToFrozenSet(),
            LongTermCarePremiumCovered = rules.Premiums.Contains("long-term-care"),
            CrossProvince = rules.CrossProvince,
            TransferLimits = rules.TransferLimits is { } t
                ? new TransferLimits(t.PerDay, t.PerTransferFen, PolicyFile.Time(t.QuietFrom)!.Value, PolicyFile.Time(t.QuietUntil)!.Value)
                : null,
        };
        return (rules.UnverifiedMember is { } proof
            ? policy with
            {
                UnverifiedMember = new UnverifiedMemberPolicy(
                    [.. proof.Documents], proof.NewbornUnderYears, proof.BirthCertificateRelations.ToFrozenSet(), proof.AgencyReview),
            }
            : policy, null);
    }

    private static string? Fault(PolicyFile.Entry rules)
    {
        var use = rules.Uses.Where(u => SpendingUses.NeverCovered.Contains(u) || u == SpendingCategory.ResidentPremium)
            .Select(u => (SpendingCategory?)u).FirstOrDefault();
        return rules.Relations.Count == 0 ? "relations is empty"
            : rules.FaceCheckMinAge is < 0 or > 150 ? $"faceCheckMinAge {rules.FaceCheckMinAge} is not an age (0 to 150)"
            : use is { } listed
                ? $"uses lists '{Http.Wire.Name(listed)}', which {(listed == SpendingCategory.ResidentPremium ? "belongs in premiums" : "accounts never pay for")}"
            : rules.Premiums.FirstOrDefault(p => !PolicyFile.PremiumSchemes.Contains(p)) is { } premium
                ? $"premiums lists '{premium}', which is not a premium scheme (resident, long-term-care)"
            : (rules.TransferLimits is { } t ? TransferFault(t) : null)
                ?? (rules.UnverifiedMember is { NewbornUnderYears: < 0 } ? "unverifiedMember.newbornUnderYears is negative"
                : rules.CrossProvince is { FaceCheckMinAge: < 0 or > 150 } ? "crossProvince.faceCheckMinAge is not an age (0 to 150)"
                : null);
    }

    private static string? TransferFault(PolicyFile.Transfers t) =>
        t.PerDay <= 0 ? "transferLimits.perDay must be positive"
        : t.PerTransferFen <= 0 ? "transferLimits.perTransferFen must be positive"
        : PolicyFile.Time(t.QuietFrom) is null ? $"transferLimits.quietFrom '{t.QuietFrom}' is not HH:mm"
        : PolicyFile.Time(t.QuietUntil) is null ? $"transferLimits.quietUntil '{t.QuietUntil}' is not HH:mm"
        : null;
}
