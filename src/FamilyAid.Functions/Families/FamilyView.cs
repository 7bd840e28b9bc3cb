using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Functions.Families;

/// <summary>A family group as one of its people sees it.</summary>
/// <param name="PoolFen">The pool's balance, where the region keeps one, for the authorizer and sharing members.</param>
/// <param name="AuthorizerAccountFen">The authorizer's personal-account balance: for the authorizer, and for sharing
/// members where they spend it directly.</param>
/// <param name="AuthorizerAvailableFen">What of that balance is not reserved as relatives' quotas (共济额度): what the
/// authorizer's own spending and a directly-spending member may use; shown where the balance is.</param>
public sealed record FamilyView(
    string GroupId, FamilyView.Person Authorizer, IReadOnlyList<FamilyView.Member> Members, long? PoolFen, long? AuthorizerAccountFen,
    long? AuthorizerAvailableFen)
{
    /// <summary>The authorizer; their name is masked for members, like every name but the caller's own.</summary>
    public sealed record Person(string Id, string Name);

    /// <summary>A member; names of others are masked for members.</summary>
    /// <param name="QuotaFen">The member's quota (共济额度) reserved in the authorizer's account: shown to the authorizer
    /// and to that member, for a sharing relationship; null otherwise.</param>
    public sealed record Member(
        string RelationshipId, string PersonId, string Name, string ResidentIdMasked, Relation Relation, BindingKind Kind, string Region, long? QuotaFen = null);
}
