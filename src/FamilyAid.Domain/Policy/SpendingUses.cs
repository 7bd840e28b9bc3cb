using System.Collections.Frozen;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Policy;

/// <summary>What a personal account or a family account may pay for, as a policy version allows it.</summary>
public static class SpendingUses
{
    /// <summary>养生保健, fitness and public health: never paid from an account, whatever a policy version says.</summary>
    public static readonly FrozenSet<SpendingCategory> NeverCovered =
        new[] { SpendingCategory.Wellness, SpendingCategory.Fitness, SpendingCategory.PublicHealth }.ToFrozenSet();

    /// <summary>The uses every shipped version allows: care at designated institutions and pharmacies, emergency care (急诊抢救) included.</summary>
    public static readonly FrozenSet<SpendingCategory> Care =
        new[] { SpendingCategory.Outpatient, SpendingCategory.Inpatient, SpendingCategory.Pharmacy, SpendingCategory.Emergency }.ToFrozenSet();
}
