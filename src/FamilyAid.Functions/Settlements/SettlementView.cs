using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Settlements;

/// <summary>A settlement as its institution sees it: how the bill was split.</summary>
/// <param name="QuotaFen">What the member's quota (共济额度) in the sharer's account paid.</param>
public sealed record SettlementView(string Id, SettlementStatus Status, long OwnAccountFen, long FamilyAccountFen, long CashFen, long QuotaFen)
{
    /// <summary>The view of a settlement's state.</summary>
    public static SettlementView Of(Settlement settlement) =>
        new(settlement.Id, settlement.Status, settlement.Split.OwnAccountFen, settlement.Split.FamilyAccountFen, settlement.Split.CashFen,
            settlement.Split.QuotaFen);
}
