using FamilyAid.Domain.Insurance;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Insured;

/// <summary>An insured person as stored: the domain's view plus contact and account details.</summary>
/// <param name="Phone">The mobile number, unsealed (sealed at rest): for sending to; shown only as
/// <see cref="Privacy.PhoneMask"/> makes it.</param>
/// <param name="PersonalAccountFen">The personal-account balance the platform last reported (the ledger keeps the
/// balance of record; this figure opens the account and its changes are posted to it).</param>
/// <param name="Version">The record's ETag: changes with every write, and guards the next one.</param>
/// <param name="Adjustment">The posting the last change of <paramref name="PersonalAccountFen"/> owes the ledger (posted
/// unless a crash or a refusal came between), or null.</param>
public sealed record InsuredRecord(
    InsuredPerson Person, string Phone, long PersonalAccountFen, string ResidentIdMasked, string Version, PlatformAdjustment? Adjustment = null)
{
    /// <summary>The figure the personal account opens with: the platform's, less an adjustment not posted yet (an
    /// account that is not open has had none posted).</summary>
    public long OpeningFen => PersonalAccountFen - (Adjustment?.DeltaFen ?? 0);
}
