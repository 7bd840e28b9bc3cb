using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Settlements;

/// <summary>A settlement as its institution sees it: how the bill was split.</summary>
public sealed record SettlementView(string Id, SettlementStatus Status, long OwnAccountFen, long FamilyAccountFen, long CashFen)
{
    /// <summary>The view of a settlement's state.</summary>
    public static SettlementView Of(Settlement settlement) =>
        new(settlement.Id, settlement.Status, settlement.Split.OwnAccountFen, settlement.Split.FamilyAccountFen, settlement.Split.CashFen);
}
