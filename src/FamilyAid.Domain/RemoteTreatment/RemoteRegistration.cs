using System.Collections.Immutable;

namespace FamilyAid.Domain.RemoteTreatment;

/// <summary>Where a registration sends the person: a province and a GB/T 2260 city of it.</summary>
public sealed record Destination(string ProvinceCode, string CityCode);

/// <summary>The referral a 转诊 registration needs: the referring institution's certificate.</summary>
public sealed record ReferralNote(string CertificateNumber, string IssuedBy);

/// <summary>One step on a registration's timeline.</summary>
/// <param name="By">Who took it: a person id, a reviewer's id, or <c>system</c> (the expiry timer).</param>
public sealed record RegistrationStep(DateTimeOffset At, string Event, string By, string? Reason = null);

/// <summary>A 异地就医备案: one person's registration to be treated in another province, and its timeline.</summary>
/// <param name="Region">The person's insurance region when filed (its reviewers decide, its policy applies).</param>
/// <param name="FiledBy">The person themselves, or someone acting for them (亲情账户).</param>
/// <param name="ValidUntil">The last day covered; null for a long-term kind (until cancelled).</param>
public sealed record RemoteRegistration(
    string Id,
    string PersonId,
    string Region,
    string FiledBy,
    RemoteKind Kind,
    Destination Destination,
    DateOnly StartDate,
    DateOnly? ValidUntil,
    ProofKind Proof,
    ReferralNote? Referral,
    RegistrationStatus Status,
    ImmutableList<RegistrationStep> Timeline)
{
    /// <summary>The status on <paramref name="today"/> (a China date): an active temporary registration past its last
    /// day is expired, whether or not the expiry timer has recorded it yet.</summary>
    public RegistrationStatus StatusOn(DateOnly today) =>
        Status == RegistrationStatus.Active && ValidUntil is { } last && today > last ? RegistrationStatus.Expired : Status;

    /// <summary>Whether it covers treatment on <paramref name="day"/>, as known on <paramref name="today"/>.</summary>
    public bool Covers(DateOnly day, DateOnly today) =>
        StatusOn(today) == RegistrationStatus.Active && day >= StartDate && (ValidUntil is null || day <= ValidUntil);

    /// <summary>Whether it still holds its time (active or waiting for review), so that another may not overlap it.</summary>
    public bool HoldsTimeOn(DateOnly today) => StatusOn(today) is RegistrationStatus.Active or RegistrationStatus.InReview;

    /// <summary>Whether its days and <paramref name="start"/>…<paramref name="last"/> (null: open-ended) share one.</summary>
    public bool Overlaps(DateOnly start, DateOnly? last) =>
        (last is null || StartDate <= last) && (ValidUntil is null || start <= ValidUntil);

    /// <summary>This registration with <paramref name="status"/> and that step appended.</summary>
    public RemoteRegistration Then(RegistrationStatus status, RegistrationStep step) =>
        this with { Status = status, Timeline = Timeline.Add(step) };
}
