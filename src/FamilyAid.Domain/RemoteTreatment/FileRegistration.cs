namespace FamilyAid.Domain.RemoteTreatment;

/// <summary>The command to file a remote-treatment registration for <paramref name="PersonId"/>.</summary>
/// <param name="HomeProvinceCode">The two-digit code of the person's insurance province; null when their region is no
/// province (the national platform), which any destination suits.</param>
public sealed record FileRegistration(
    string Id,
    string PersonId,
    string Region,
    string? HomeProvinceCode,
    string FiledBy,
    RemoteKind Kind,
    Destination Destination,
    DateOnly StartDate,
    DateOnly? EndDate,
    ProofKind Proof,
    ReferralNote? Referral);
