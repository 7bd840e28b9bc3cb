namespace FamilyAid.Domain.Ledger;

/// <summary>Why a settlement (or its refund) is refused; a lack of balance is never one of them.</summary>
public enum SettlementRefusal
{
    /// <summary>The category may not be paid from an account (wellness, fitness, public health).</summary>
    CategoryNotCovered,

    /// <summary>The payment code is unknown, forged, expired, used, or its relationship has ended.</summary>
    InvalidPaymentCode,

    /// <summary>A refund of a settlement whose legs are not all posted yet.</summary>
    NotCompleted,
}
