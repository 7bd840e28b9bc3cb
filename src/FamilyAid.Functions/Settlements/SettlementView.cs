using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Settlements;

/// <summary>A settlement as its institution sees it: how the bill was split, and where it was settled (the institution's
/// province and GB/T 2260 city; absent on settlements made before institutions were recorded).</summary>
/// <param name="QuotaFen">What the member's quota (共济额度) in the sharer's account paid.</param>
public sealed record SettlementView(
    string Id, SettlementStatus Status, long OwnAccountFen, long FamilyAccountFen, long CashFen, long QuotaFen, string? Region = null, string? CityCode = null)
{
    /// <summary>The view of a settlement's state.</summary>
    public static SettlementView Of(Settlement settlement) =>
        new(settlement.Id, settlement.Status, settlement.Split.OwnAccountFen, settlement.Split.FamilyAccountFen, settlement.Split.CashFen,
            settlement.Split.QuotaFen, settlement.Plan.InstitutionRegion, settlement.Plan.InstitutionCityCode);
}
