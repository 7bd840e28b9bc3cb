using FamilyAid.Domain.RemoteTreatment;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary>The problem each refusal of a registration command answers with (codes from docs/API.md).</summary>
public static class RemoteRegistrationProblems
{
    /// <summary>Maps a refusal; <paramref name="policy"/> names the limits in the detail.</summary>
    public static Problem For(RegistrationRefusal refusal, RemoteRegistrationPolicy policy) => refusal switch
    {
        RegistrationRefusal.UnknownDivision => GeographyProblems.UnknownDivision("destination"),
        RegistrationRefusal.DestinationIsHome => new(422, "destination-is-home", "The destination is in the person's own province.",
            "Treatment in one's own province needs no remote registration."),
        RegistrationRefusal.StartTooEarly or RegistrationRefusal.StartTooLate => new(422, "start-date-out-of-range", "The start date is out of range.",
            $"It may lie at most {policy.BackFilingDays} days in the past (补办) and {policy.AdvanceDays} days ahead."),
        RegistrationRefusal.EndTooEarly => new(422, "end-date-too-early", "The end date is too early.",
            $"A temporary registration is valid at least {RegistrationRules.TemporaryMonths} months from its start date."),
        RegistrationRefusal.EndNotAllowed => Problems.Invalid("endDate", "a long-term registration is valid until cancelled and takes no end date"),
        RegistrationRefusal.ReferralRequired => new(422, "referral-required", "A referral registration needs its referral.",
            "Send `referral` with the referring institution's certificate number and name."),
        RegistrationRefusal.ReferralNotExpected => Problems.Invalid("referral", "only a referral registration takes one"),
        RegistrationRefusal.DocumentsNotAccepted => new(422, "proof-not-accepted", "The region accepts no proof documents.", "File with `commitment`."),
        RegistrationRefusal.Overlapping => new(409, "overlapping-registration", "Another registration of this person covers some of these days.",
            "Cancel it first, or start after its last day."),
        RegistrationRefusal.NotApplicable => new(409, "registration-not-open", "The registration is not open to this.",
            "It is cancelled, rejected or expired; or, for a decision, no longer in review."),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };
}
