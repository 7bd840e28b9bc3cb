namespace FamilyAid.Domain.Policy;

/// <summary>A document a binding request may need.</summary>
public enum DocumentType
{
    /// <summary>Authorizer's ID card, front.</summary>
    AuthorizerIdFront,

    /// <summary>Authorizer's ID card, back.</summary>
    AuthorizerIdBack,

    /// <summary>Member's ID card, front.</summary>
    MemberIdFront,

    /// <summary>Member's ID card, back.</summary>
    MemberIdBack,

    /// <summary>户口本 home page.</summary>
    HukouHome,

    /// <summary>户口本 page of the member.</summary>
    HukouMember,

    /// <summary>Signed 承诺书.</summary>
    CommitmentLetter,
}
