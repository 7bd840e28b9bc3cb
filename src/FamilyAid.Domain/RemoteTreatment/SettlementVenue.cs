using FamilyAid.Domain.Geography;
using FamilyAid.Domain.Institutions;
using FamilyAid.Domain.Insurance;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.RemoteTreatment;

/// <summary>Where a bill may be settled: 异地就医 needs a registration.</summary>
public static class SettlementVenue
{
    /// <summary>Whether settling <paramref name="category"/> for <paramref name="payer"/> at <paramref name="institution"/>
    /// needs an active registration covering the day: the institution is in another province than the payer's region,
    /// and the bill is no emergency (急诊抢救 counts as registered). A payer of the national platform, whose region is no
    /// province, is at home everywhere.</summary>
    public static bool NeedsRegistration(Institution institution, InsuredPerson payer, SpendingCategory category) =>
        category != SpendingCategory.Emergency
        && Province.ForSlug(payer.Region) is { } home
        && home.Code != institution.Province.Code;
}
