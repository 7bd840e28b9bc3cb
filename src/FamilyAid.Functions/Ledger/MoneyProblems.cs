using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Ledger;

/// <summary>The problem each refusal of money answers with: settlements, transfers and payment codes (codes from docs/API.md).</summary>
public static class MoneyProblems
{
    /// <summary>Maps a settlement's refusal (a refund's is finished, never answered).</summary>
    public static Problem For(SettlementRefusal refusal) => refusal switch
    {
        SettlementRefusal.CategoryNotCovered => new(422, "category-not-covered",
            "This category may not be paid from a medical-insurance account.", "Wellness, fitness and public-health services are paid in full by the patient."),
        SettlementRefusal.InvalidPaymentCode => new(422, "invalid-payment-code",
            "The payment code is not valid.", "It is unknown, expired, used, or its family relationship has ended; ask for a new one."),
        SettlementRefusal.CategoryNotAllowedForInstitution => new(422, "category-not-allowed-for-institution",
            "This institution may not settle this category.", "A designated pharmacy settles `pharmacy` bills only."),
        SettlementRefusal.NoRemoteRegistration => new(422, "no-remote-registration",
            "The patient has no remote-treatment registration covering today.",
            "The institution is in another province than the patient's insurance: file a registration (异地就医备案; a past start date "
            + "within the region's limit covers a stay already begun) and settle again, with the same Idempotency-Key if you like; "
            + "or settle an emergency as `emergency`."),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };

    /// <summary>422: the caller funds no family pool to transfer into.</summary>
    public static Problem NoFamilyPool() =>
        new(422, "no-family-pool", "You do not authorize a family group that keeps a pool.",
            "Transfers exist in regions where the family spends a pool (gansu); elsewhere members spend your account directly.");

    /// <summary>422: a transfer refused for want of balance (<see cref="TransferStatus.Refused"/>).</summary>
    public static Problem TransferRefused() =>
        new(422, "insufficient-balance", "Your personal account does not hold this much.", "Nothing was transferred.");

    /// <summary>403: a payment code asked for by someone in no active relationship.</summary>
    public static Problem NotInFamily() =>
        new(403, "not-in-family", "Only a member or the authorizer of an active relationship may show a payment code.");
}
