using System.Collections.Immutable;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Bindings;

/// <summary>What a new request must bring and pass before approval, decided at intake from the region's policy, the
/// kind and the member's age that day.</summary>
/// <param name="Documents">The documents to upload, in policy order.</param>
/// <param name="ReviewRequired">Whether the city agency reviews the request.</param>
public sealed record IntakeRequirements(ImmutableArray<DocumentType> Documents, bool ReviewRequired)
{
    /// <summary>The requirements of an eligible <paramref name="command"/> opened on <paramref name="today"/> (a China date).</summary>
    public static IntakeRequirements For(RequestBinding command, DateOnly today)
    {
        var policy = command.Policy;
        var sharing = command.Kind == BindingKind.Sharing;
        // A proxy moves no money: no documents, no agency review; the member's face check is the consent.
        var own = new IntakeRequirements(sharing ? policy.RequiredDocuments : [], sharing && policy.AgencyReview);
        if (Age.InYears(command.Facts.Member!.BirthDate, today) >= policy.FaceCheckMinAge)
        {
            return own;
        }

        // No face check will confirm the relation: it is proven and reviewed instead (UnverifiedMemberPolicy).
        var proof = policy.UnverifiedMember;
        var documents = command.BirthCertificate is null
            ? own.Documents.Union(proof.Documents)
            : own.Documents.Except(proof.Documents);
        return new IntakeRequirements([.. documents], own.ReviewRequired || proof.AgencyReview);
    }

    /// <summary>Why the proof offered does not fit the request, or null: a birth certificate number is taken only for a
    /// newborn child (and is then kept, sealed, so one that is not needed is refused rather than stored).</summary>
    public static BindingRefusal? RefuseProof(RequestBinding command, DateOnly today) =>
        command.BirthCertificate is not null &&
        !command.Policy.UnverifiedMember.TakesBirthCertificate(command.Relation, command.Facts.Member!.BirthDate, today)
            ? BindingRefusal.BirthCertificateNotApplicable
            : null;
}
