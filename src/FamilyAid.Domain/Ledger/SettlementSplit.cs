namespace FamilyAid.Domain.Ledger;

/// <summary>How one bill is paid, in fen: the member's own personal account, the family account, cash, and the
/// member's quota (共济额度) in the sharer's account.</summary>
/// <remarks>The parts always add up to the bill; a lack of balance never fails a settlement, it only moves less money.</remarks>
public readonly record struct SettlementSplit(long OwnAccountFen, long FamilyAccountFen, long CashFen, long QuotaFen = 0)
{
    /// <summary>The whole bill.</summary>
    public long TotalFen => OwnAccountFen + FamilyAccountFen + CashFen + QuotaFen;

    /// <summary>Splits <paramref name="billFen"/>: the member's own account first (only an employee-insured member has one),
    /// then the family account (the pool, or the authorizer's account where the region has no pool), then cash.</summary>
    /// <param name="billFen">The amount to settle, positive.</param>
    /// <param name="ownBalanceFen">The member's own personal-account balance; null when the member has none (resident insured).</param>
    /// <param name="familyBalanceFen">The family account's balance; null when the payer has no active sharing relationship (a proxy moves no money).</param>
    public static SettlementSplit Of(long billFen, long? ownBalanceFen, long? familyBalanceFen)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(billFen);
        if (ownBalanceFen < 0 || familyBalanceFen < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ownBalanceFen), "Balances are never negative.");
        }

        var own = Math.Min(billFen, ownBalanceFen ?? 0);
        var family = Math.Min(billFen - own, familyBalanceFen ?? 0);
        return new SettlementSplit(own, family, billFen - own - family);
    }

    /// <summary>Whether accounts may pay for <paramref name="category"/> (public health, fitness and wellness never).</summary>
    public static bool Covers(SpendingCategory category, bool residentPremiumCovered) => category switch
    {
        SpendingCategory.Outpatient or SpendingCategory.Inpatient or SpendingCategory.Pharmacy or SpendingCategory.Emergency => true,
        SpendingCategory.ResidentPremium => residentPremiumCovered,
        _ => false,
    };
}
