namespace FamilyAid.Domain.Ledger;

/// <summary>Why a settlement (or its refund) is refused; a lack of balance is never one of them.</summary>
public enum SettlementRefusal
{
    /// <summary>The category may not be paid from an account (wellness, fitness, public health).</summary>
    CategoryNotCovered,

    /// <summary>The payment code is unknown, forged, expired, used, or its relationship has ended.</summary>
    InvalidPaymentCode,

    /// <summary>The institution may not settle this category (a pharmacy settles <see cref="SpendingCategory.Pharmacy"/> only).</summary>
    CategoryNotAllowedForInstitution,

    /// <summary>The institution is in another province than the payer's region, and no active remote-treatment
    /// registration (异地就医备案) of the payer covers the day; nor is the bill an emergency.</summary>
    NoRemoteRegistration,

    /// <summary>A refund of a settlement whose legs are not all posted yet.</summary>
    NotCompleted,
}
