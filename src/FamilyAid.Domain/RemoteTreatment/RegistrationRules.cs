using FamilyAid.Domain.Geography;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.RemoteTreatment;

/// <summary>The rules of 异地就医备案: filing, review, cancelling and expiry. Pure: the state and the time come in.</summary>
public static class RegistrationRules
{
    /// <summary>How long a temporary registration is valid at least: six months from its start date.</summary>
    public const int TemporaryMonths = 6;

    /// <summary>Files <paramref name="command"/> against the person's <paramref name="existing"/> registrations.</summary>
    public static (RemoteRegistration? Registration, RegistrationRefusal? Refusal) File(
        FileRegistration command, IReadOnlyCollection<RemoteRegistration> existing, RemoteRegistrationPolicy policy, DateTimeOffset now)
    {
        var today = Age.ChinaDate(now);
        var (validUntil, refusal) = Validate(command, policy, today);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        if (existing.Any(r => r.PersonId == command.PersonId && r.HoldsTimeOn(today) && r.Overlaps(command.StartDate, validUntil)))
        {
            return (null, RegistrationRefusal.Overlapping);
        }

        var active = policy.AcceptsCommitment && command.Proof == ProofKind.Commitment;
        var status = active ? RegistrationStatus.Active : RegistrationStatus.InReview;
        return (new RemoteRegistration(
            command.Id, command.PersonId, command.Region, command.FiledBy, command.Kind, command.Destination, command.StartDate, validUntil,
            command.Proof, command.Referral, status, [new RegistrationStep(now, active ? "filed-active" : "filed-for-review", command.FiledBy)]), null);
    }

    /// <summary>A reviewer's decision on a registration in review.</summary>
    public static (RemoteRegistration? Registration, RegistrationRefusal? Refusal) Decide(
        RemoteRegistration registration, bool approve, string reviewerId, string? reason, DateTimeOffset now) =>
        registration.StatusOn(Age.ChinaDate(now)) != RegistrationStatus.InReview
            ? (null, RegistrationRefusal.NotApplicable)
            : (registration.Then(
                approve ? RegistrationStatus.Active : RegistrationStatus.Rejected,
                new RegistrationStep(now, approve ? "approved" : "rejected", reviewerId, reason)), null);

    /// <summary>Cancels an active or in-review registration (the person or someone acting for them).</summary>
    public static (RemoteRegistration? Registration, RegistrationRefusal? Refusal) Cancel(RemoteRegistration registration, string by, DateTimeOffset now) =>
        registration.HoldsTimeOn(Age.ChinaDate(now))
            ? (registration.Then(RegistrationStatus.Cancelled, new RegistrationStep(now, "cancelled", by)), null)
            : (null, RegistrationRefusal.NotApplicable);

    /// <summary>Records the expiry of a temporary registration past its last day; null when it is not due.</summary>
    public static RemoteRegistration? Expire(RemoteRegistration registration, DateTimeOffset now) =>
        registration.Status == RegistrationStatus.Active && registration.StatusOn(Age.ChinaDate(now)) == RegistrationStatus.Expired
            ? registration.Then(RegistrationStatus.Expired, new RegistrationStep(now, "expired", "system"))
            : null;

    /// <summary>When a registration in review is promised a decision by: <paramref name="workingDays"/> working days
    /// after it was filed, the promise a binding review gets, so that one queue holds both to one standard (shown, not
    /// enforced: a registration has no escalation or expiry in review). Null when it is not in review.</summary>
    public static DateTimeOffset? ReviewDueAt(RemoteRegistration registration, WorkingCalendar calendar, int workingDays, DateTimeOffset now) =>
        registration.StatusOn(Age.ChinaDate(now)) == RegistrationStatus.InReview
            ? calendar.AddWorkingDays(registration.Timeline[0].At, workingDays)
            : null;

    private static (DateOnly? ValidUntil, RegistrationRefusal? Refusal) Validate(FileRegistration command, RemoteRegistrationPolicy policy, DateOnly today)
    {
        var (kind, start, end) = (command.Kind, command.StartDate, command.EndDate);
        var earliestEnd = start.AddMonths(TemporaryMonths);
        RegistrationRefusal? refusal =
            Divisions.Find(command.Destination.CityCode) is not { } city || city.ProvinceCode != command.Destination.ProvinceCode
                ? RegistrationRefusal.UnknownDivision
            : command.Destination.ProvinceCode == command.HomeProvinceCode ? RegistrationRefusal.DestinationIsHome
            : start < today.AddDays(-policy.BackFilingDays) ? RegistrationRefusal.StartTooEarly
            : start > today.AddDays(policy.AdvanceDays) ? RegistrationRefusal.StartTooLate
            : kind.IsLongTerm() && end is not null ? RegistrationRefusal.EndNotAllowed
            : end < earliestEnd ? RegistrationRefusal.EndTooEarly
            : kind == RemoteKind.Referral && command.Referral is null ? RegistrationRefusal.ReferralRequired
            : kind != RemoteKind.Referral && command.Referral is not null ? RegistrationRefusal.ReferralNotExpected
            : command.Proof == ProofKind.Documents && policy.AcceptedDocuments.IsEmpty ? RegistrationRefusal.DocumentsNotAccepted
            : null;
        return (kind.IsLongTerm() ? null : end ?? earliestEnd, refusal);
    }
}
