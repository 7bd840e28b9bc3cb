using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Settlements;

/// <summary>A settlement as its institution sees it: how the bill was split, and where it was settled (the institution's
/// province and GB/T 2260 city; absent on settlements made before institutions were recorded).</summary>
public sealed record SettlementView(
    string Id, SettlementStatus Status, long OwnAccountFen, long FamilyAccountFen, long CashFen, string? Region = null, string? CityCode = null)
{
    /// <summary>The view of a settlement's state.</summary>
    public static SettlementView Of(Settlement settlement) =>
        new(settlement.Id, settlement.Status, settlement.Split.OwnAccountFen, settlement.Split.FamilyAccountFen, settlement.Split.CashFen,
            settlement.Plan.InstitutionRegion, settlement.Plan.InstitutionCityCode);
}
