namespace FamilyAid.Domain.Ledger;

/// <summary>Where a transfer is.</summary>
public enum TransferStatus
{
    /// <summary>Recorded; the debit, the credit or both are still to be posted.</summary>
    Planned,

    /// <summary>Both legs posted.</summary>
    Completed,

    /// <summary>The authorizer's balance did not cover it; nothing moved.</summary>
    Refused,
}
