using FamilyAid.Domain.Insurance;

namespace FamilyAid.Functions.Insured;

/// <summary>An insured person as stored: the domain's view plus contact and account details.</summary>
/// <param name="PersonalAccountFen">The personal-account balance the platform last reported (the ledger keeps the
/// balance of record; this figure opens the account and its changes are posted to it).</param>
/// <param name="Version">Changes with every write of the record.</param>
public sealed record InsuredRecord(InsuredPerson Person, string Phone, long PersonalAccountFen, string ResidentIdMasked, string Version);
