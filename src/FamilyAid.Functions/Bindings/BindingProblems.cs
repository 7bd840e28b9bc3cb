using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Identity;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Bindings;

/// <summary>The problem each refusal answers with (codes from docs/API.md).</summary>
public static class BindingProblems
{
    /// <summary>Maps a refusal; <paramref name="state"/> adds detail where it helps (missing documents).</summary>
    public static Problem For(BindingRefusal refusal, BindingState? state = null) => refusal switch
    {
        BindingRefusal.AuthorizerNotEligible => new(422, "authorizer-not-eligible",
            "You may not authorize this binding.", "Family sharing needs employee insurance (职工医保) in force in the request's region."),
        BindingRefusal.MemberNotInsured => new(422, "member-not-insured", "The member has no insurance in force."),
        BindingRefusal.MemberMismatch => new(422, "member-mismatch", "The member's name does not match the insured record."),
        BindingRefusal.RelationNotAllowed => new(422, "relation-not-allowed", "This relation cannot be bound in this region."),
        BindingRefusal.AlreadyInGroup => new(409, "already-in-group", "A family-group rule forbids this binding.",
            "The member is bound already, or one of you is in a group that this region allows only one of."),
        BindingRefusal.DuplicateRequest => new(409, "duplicate-request", "An open request for this member exists already."),
        BindingRefusal.MissingDocuments => new(422, "missing-documents", "Documents are missing.")
        {
            Extensions = new Dictionary<string, object?>
            {
                ["missing"] = state?.MissingDocuments().Select(DocumentTypes.ToWire).ToArray() ?? [],
                ["commitmentConfirmed"] = state is null || !state.CommitmentRequired || state.CommitmentConfirmed,
            },
        },
        BindingRefusal.DocumentNotRequired => new(422, "document-not-required", "This request does not take that document."),
        BindingRefusal.DocumentsLocked => new(409, "documents-locked", "Documents cannot change after the request is submitted."),
        BindingRefusal.AlreadySubmitted => new(409, "already-submitted", "The request was submitted already."),
        BindingRefusal.AlreadyFinal => new(409, "already-final", "The request is finished already."),
        BindingRefusal.NotInReview => new(409, "not-in-review", "The request is not waiting for review."),
        BindingRefusal.NotAwaitingFaceCheck => new(409, "not-awaiting-face-check", "The request is not waiting for a face check."),
        BindingRefusal.UnknownFaceCheckSession => new(409, "unknown-face-check-session", "That face-check session is not the open one."),
        BindingRefusal.BirthCertificateNotApplicable => new(422, "birth-certificate-not-applicable",
            "A birth certificate number proves nothing for this member.",
            "It stands in for the 户口本 pages only for the applicant's own child under one year; upload the 户口本 pages instead."),
        BindingRefusal.ProxyLimit => new(409, "proxy-limit", "You act for as many people as one person may.",
            $"One person acts (亲情账户) for at most {BindingEligibility.ProxyLimit} people, open requests included."),
        BindingRefusal.CrossProvinceNotOpen => new(422, "cross-province-not-open", "Sharing across provinces is not open on this date.",
            "The member is insured in another province; the national policy opens such sharing from 2026-01-09 (GET /api/policies/national)."),
        BindingRefusal.NoPolicyInForce => new(422, "no-policy-in-force", "No policy version of this region is in force on this date."),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };

    /// <summary>400: <c>member.birthCertificateNumber</c> is not of the documented form.</summary>
    public static Problem InvalidBirthCertificateNumber() =>
        new(400, "invalid-birth-certificate-number", "The birth certificate number is not valid.",
            $"member.birthCertificateNumber must be {BirthCertificateNumber.Pattern}.")
        {
            Extensions = new Dictionary<string, object?> { ["field"] = "member.birthCertificateNumber" },
        };
}
