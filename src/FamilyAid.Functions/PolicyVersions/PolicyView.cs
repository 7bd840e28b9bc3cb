using FamilyAid.Domain.Ledger;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Functions.PolicyVersions;

/// <summary>A region's policy as <c>GET /api/policies/{region}</c> shows it: the version in force and those ahead.</summary>
public sealed record PolicyView(string Region, PolicyView.Entry InForce, IReadOnlyList<PolicyView.Entry> Upcoming)
{
    /// <summary>One version: its id, first China day, and rules, named as in the policy files.</summary>
    public sealed record Entry(
        string Version,
        DateOnly EffectiveFrom,
        IReadOnlyList<Relation> Relations,
        IReadOnlyList<DocumentType> Documents,
        bool CommitmentInApp,
        bool AgencyReview,
        int FaceCheckMinAge,
        GroupLimit GroupLimit,
        FundingMode Funding,
        IReadOnlyList<SpendingCategory> Uses,
        IReadOnlyList<string> Premiums,
        PolicyFile.Transfers? TransferLimits,
        PolicyFile.UnverifiedMember UnverifiedMember,
        CrossProvinceRule? CrossProvince)
    {
        /// <summary>The view of <paramref name="policy"/>.</summary>
        public static Entry Of(RegionPolicy policy) => new(
            policy.Version, policy.EffectiveFrom, [.. policy.AllowedRelations.Order()], policy.RequiredDocuments, policy.CommitmentConfirmedInApp,
            policy.AgencyReview, policy.FaceCheckMinAge, policy.GroupLimit, policy.Funding, [.. policy.AllowedUses.Order()],
            [.. PaidPremiums(policy)],
            policy.TransferLimits is { } t ? new(t.PerDay, t.PerTransferFen, $"{t.QuietFrom:HH:mm}", $"{t.QuietUntil:HH:mm}") : null,
            new(policy.UnverifiedMember.Documents, policy.UnverifiedMember.NewbornUnderYears,
                [.. policy.UnverifiedMember.BirthCertificateRelations.Order()], policy.UnverifiedMember.AgencyReview),
            policy.CrossProvince);

        private static IEnumerable<string> PaidPremiums(RegionPolicy policy)
        {
            if (policy.ResidentPremiumCovered)
            {
                yield return "resident";
            }

            if (policy.LongTermCarePremiumCovered)
            {
                yield return "long-term-care";
            }
        }
    }

    /// <summary>The view of <paramref name="region"/> on <paramref name="chinaDate"/>, or null when it has no version in force.</summary>
    public static PolicyView? Of(PolicyBook book, string region, DateOnly chinaDate) =>
        book.InForce(region, chinaDate) is { } inForce
            ? new(region, Entry.Of(inForce), [.. book.Upcoming(region, chinaDate).Select(Entry.Of)])
            : null;
}
