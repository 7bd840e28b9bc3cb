using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Bindings;

/// <summary>Which policy version judges a new request: the one of its region in force on its China date, or, for sharing
/// with a member insured in another province than the sharer, the national cross-province rule (跨省共济).</summary>
public static class JudgingPolicy
{
    /// <summary>The rules that judge a request of <paramref name="kind"/> for <paramref name="region"/> opened on
    /// <paramref name="today"/> (a China date) between the people in <paramref name="facts"/>, or why none may.</summary>
    public static (RegionPolicy? Policy, BindingRefusal? Refusal) For(
        PolicyBook book, BindingKind kind, string region, IntakeFacts facts, DateOnly today)
    {
        var (authorizer, member) = (facts.Authorizer, facts.Member);
        var crossProvince = kind == BindingKind.Sharing && authorizer is not null && member is not null &&
            member.Region != authorizer.Region && (region == RegionPolicy.NationalRegion || region == authorizer.Region);
        if (!crossProvince)
        {
            return book.InForce(region, today) is { } own ? (own, null) : (null, BindingRefusal.NoPolicyInForce);
        }

        if (book.InForce(RegionPolicy.NationalRegion, today) is not { CrossProvince: { } rule } national)
        {
            return (null, BindingRefusal.CrossProvinceNotOpen);
        }

        // Documents, the commitment, the group rule and the funding stay the sharer's region's; who may be bound, the
        // review and the face-check age are the national rule's, and the version that judged is the national one.
        var sharer = book.InForce(authorizer!.Region, today) ?? national;
        return (sharer with
        {
            Region = region,
            Version = national.Version,
            EffectiveFrom = national.EffectiveFrom,
            Source = national.Source,
            AllowedRelations = national.AllowedRelations,
            AgencyReview = rule.AgencyReview,
            FaceCheckMinAge = rule.FaceCheckMinAge,
            UnverifiedMember = national.UnverifiedMember,
            CrossProvince = rule,
        }, null);
    }
}
