namespace FamilyAid.Domain.Ledger;

/// <summary>Where a settlement is.</summary>
public enum SettlementStatus
{
    /// <summary>The plan is recorded; legs may be missing (a crash between legs leaves it here until recovery).</summary>
    Planned,

    /// <summary>Every leg is posted; the split is final.</summary>
    Completed,

    /// <summary>A refund was asked for; the debited legs are being restored.</summary>
    Refunding,

    /// <summary>Every debited leg has been restored.</summary>
    Refunded,
}
