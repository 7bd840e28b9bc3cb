using FamilyAid.Domain.Geography;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Institutions;

/// <summary>A 定点医药机构 as the provincial registry reports it: where it is and whether it may settle.</summary>
/// <param name="Region">The province's pinyin slug (<see cref="Province.Slug"/>).</param>
/// <param name="CityCode">The GB/T 2260 code of its city (<see cref="Divisions"/>).</param>
/// <param name="ValidTo">The last day it is designated; null while open-ended.</param>
public sealed record Institution(
    string Id, string Name, InstitutionKind Kind, string Region, string CityCode, bool Designated, DateOnly ValidFrom, DateOnly? ValidTo)
{
    /// <summary>Whether it may settle on <paramref name="today"/> (a China date): designated, and within its dates.</summary>
    public bool SettlesOn(DateOnly today) => Designated && today >= ValidFrom && (ValidTo is null || today <= ValidTo);

    /// <summary>Whether it may settle a bill of <paramref name="category"/>: a pharmacy sells medicines only.</summary>
    public bool Settles(SpendingCategory category) => Kind == InstitutionKind.Hospital || category == SpendingCategory.Pharmacy;

    /// <summary>Its province.</summary>
    public Province Province => Province.ForSlug(Region) ?? throw new InvalidOperationException($"Institution {Id} is in no known province.");
}
