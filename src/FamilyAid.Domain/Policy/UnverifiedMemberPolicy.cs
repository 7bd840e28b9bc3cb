using System.Collections.Frozen;
using System.Collections.Immutable;
using FamilyAid.Domain.Identity;

namespace FamilyAid.Domain.Policy;

/// <summary>How the relation is proven when the member is under the face-check age and so never confirms it in person.</summary>
/// <remarks>
/// Without the member's face check nothing but paperwork ties the member to the applicant: anyone who knows a child's
/// resident ID and name could bind the child, and the real parent would then find the child taken. So the relation is
/// proven and reviewed in every region and for either kind, also where the region otherwise takes no documents and
/// reviews nothing (甘肃), and for a proxy, which otherwise takes neither.
/// </remarks>
/// <param name="Documents">What proves the relation: the 户口本 home page and the member's page.</param>
/// <param name="NewbornUnderYears">A member younger than this, in full years (周岁), is a newborn, often not in a 户口本 yet.</param>
/// <param name="BirthCertificateRelations">For which relations a newborn's 出生医学证明 number stands in for the
/// <paramref name="Documents"/>: the certificate names the parents, so only for the applicant's own child.</param>
/// <param name="AgencyReview">Whether the city agency reviews the proof before the binding is approved.</param>
public sealed record UnverifiedMemberPolicy(
    ImmutableArray<DocumentType> Documents,
    int NewbornUnderYears,
    FrozenSet<Relation> BirthCertificateRelations,
    bool AgencyReview)
{
    /// <summary>What every region asks by default: both 户口本 pages (for a newborn child, the birth certificate number
    /// instead), and the city agency's review.</summary>
    public static readonly UnverifiedMemberPolicy Default = new(
        [DocumentType.HukouHome, DocumentType.HukouMember],
        NewbornUnderYears: 1,
        new[] { Relation.Child }.ToFrozenSet(),
        AgencyReview: true);

    /// <summary>The rule of <paramref name="region"/>, or the default for a region this build does not know.</summary>
    public static UnverifiedMemberPolicy Of(string region) => RegionPolicy.For(region)?.UnverifiedMember ?? Default;

    /// <summary>Whether a birth certificate number may stand in for the documents: a newborn, bound as the applicant's child.</summary>
    public bool TakesBirthCertificate(Relation relation, DateOnly memberBirthDate, DateOnly today) =>
        BirthCertificateRelations.Contains(relation) && Age.InYears(memberBirthDate, today) < NewbornUnderYears;
}
