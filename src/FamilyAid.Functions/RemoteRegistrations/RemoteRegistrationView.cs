using FamilyAid.Domain.Geography;
using FamilyAid.Domain.RemoteTreatment;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary>A registration as its person, those acting for them and its reviewers see it; the status is the one of
/// today (an active temporary registration past its last day reads <c>expired</c> before the timer records it).</summary>
public record RemoteRegistrationView(
    string Id,
    string PersonId,
    string Region,
    string FiledBy,
    RemoteKind Kind,
    RemoteRegistrationView.Place Destination,
    DateOnly StartDate,
    DateOnly? ValidUntil,
    ProofKind Proof,
    ReferralNote? Referral,
    RegistrationStatus Status,
    int TemporaryRatioReductionPoints,
    IReadOnlyList<RegistrationStep>? Timeline)
{
    /// <summary>A destination with its city's name.</summary>
    public sealed record Place(string ProvinceCode, string CityCode, string? CityName);

    /// <summary>The view on <paramref name="today"/>, with its timeline or without.</summary>
    public static RemoteRegistrationView Of(RemoteRegistration r, DateOnly today, bool withTimeline) => new(
        r.Id, r.PersonId, r.Region, r.FiledBy, r.Kind,
        new Place(r.Destination.ProvinceCode, r.Destination.CityCode, Divisions.Find(r.Destination.CityCode)?.Name),
        r.StartDate, r.ValidUntil, r.Proof, r.Referral, r.StatusOn(today),
        r.Kind.IsLongTerm() ? 0 : RemoteRegistrationPolicy.For(r.Region).TemporaryRatioReductionPoints,
        withTimeline ? r.Timeline : null);
}
