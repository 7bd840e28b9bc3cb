namespace FamilyAid.Domain.Bindings;

/// <summary>Why a binding command was refused; the edge maps each to a stable problem code.</summary>
public enum BindingRefusal
{
    /// <summary>The authorizer is not employee insured with status normal (or, for a proxy, not insured).</summary>
    AuthorizerNotEligible,

    /// <summary>The member has no insurance in force.</summary>
    MemberNotInsured,

    /// <summary>The member's name does not match the insured record.</summary>
    MemberMismatch,

    /// <summary>The region does not allow this relation, or the member is the authorizer.</summary>
    RelationNotAllowed,

    /// <summary>A group rule would be broken (one group at a time, or already bound).</summary>
    AlreadyInGroup,

    /// <summary>An open request for the same member and kind exists.</summary>
    DuplicateRequest,

    /// <summary>Submitted without every required document (or the in-app commitment).</summary>
    MissingDocuments,

    /// <summary>A document that this request does not take.</summary>
    DocumentNotRequired,

    /// <summary>Documents can change only while the request awaits them.</summary>
    DocumentsLocked,

    /// <summary>Already submitted.</summary>
    AlreadySubmitted,

    /// <summary>The request is already final.</summary>
    AlreadyFinal,

    /// <summary>A review decision on a request that is not (or no longer) in review.</summary>
    NotInReview,

    /// <summary>A face check on a request that is not waiting for one.</summary>
    NotAwaitingFaceCheck,

    /// <summary>A result for a session that is not the open one.</summary>
    UnknownFaceCheckSession,

    /// <summary>A birth certificate number for a member who is not a newborn child under the face-check age: it proves nothing here.</summary>
    BirthCertificateNotApplicable,

    /// <summary>The authorizer already acts (亲情账户) for <see cref="BindingEligibility.ProxyLimit"/> people, counting open requests.</summary>
    ProxyLimit,
    /// <summary>The member is insured in another province, and the national policy in force does not open sharing across
    /// provinces yet (it does from 2026-01-09).</summary>
    CrossProvinceNotOpen,

    /// <summary>No policy version of the region is in force on the request's date.</summary>
    NoPolicyInForce,
}
