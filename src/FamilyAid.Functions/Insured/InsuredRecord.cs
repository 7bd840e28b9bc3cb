using FamilyAid.Domain.Insurance;

namespace FamilyAid.Functions.Insured;

/// <summary>An insured person as stored: the domain's view plus contact and account details.</summary>
public sealed record InsuredRecord(InsuredPerson Person, string Phone, long PersonalAccountFen, string ResidentIdMasked);
