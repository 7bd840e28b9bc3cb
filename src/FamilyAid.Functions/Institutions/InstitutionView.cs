using FamilyAid.Domain.Institutions;

namespace FamilyAid.Functions.Institutions;

/// <summary>An institution as recorded.</summary>
public sealed record InstitutionView(
    string Id, string Name, InstitutionKind Kind, string Region, string CityCode, bool Designated, DateOnly ValidFrom, DateOnly? ValidTo)
{
    /// <summary>The view of an institution.</summary>
    public static InstitutionView Of(Institution i) => new(i.Id, i.Name, i.Kind, i.Region, i.CityCode, i.Designated, i.ValidFrom, i.ValidTo);
}
