namespace FamilyAid.Domain.RemoteTreatment;

/// <summary>Why a registration command is refused; nothing is recorded.</summary>
public enum RegistrationRefusal
{
    /// <summary>The destination's province or city is not a known GB/T 2260 division, or the city is not in that province.</summary>
    UnknownDivision,

    /// <summary>The destination is in the person's own province: no registration is needed there.</summary>
    DestinationIsHome,

    /// <summary>The start date lies further in the past than the region's back-filing (补办) limit.</summary>
    StartTooEarly,

    /// <summary>The start date lies further ahead than the region allows.</summary>
    StartTooLate,

    /// <summary>A temporary registration's end date is earlier than six months after its start.</summary>
    EndTooEarly,

    /// <summary>A long-term registration was given an end date (it is valid until cancelled).</summary>
    EndNotAllowed,

    /// <summary>A 转诊 registration without its referral.</summary>
    ReferralRequired,

    /// <summary>A referral on a registration of another kind.</summary>
    ReferralNotExpected,

    /// <summary>The region's reviewers accept no proof documents.</summary>
    DocumentsNotAccepted,

    /// <summary>Another active (or in-review) registration of the person covers some of the same days.</summary>
    Overlapping,

    /// <summary>The registration is not in a state this command applies to (cancel a cancelled one, decide one not in review).</summary>
    NotApplicable,
}
