namespace FamilyAid.Domain.RemoteTreatment;

/// <summary>How the filer proves the stay.</summary>
public enum ProofKind
{
    /// <summary>个人承诺书 (承诺制): the person's signed commitment; active at once where the region accepts it.</summary>
    Commitment,

    /// <summary>Proof documents (residence, work, referral certificate), checked by a reviewer.</summary>
    Documents,
}

/// <summary>The proof documents a region's reviewers accept.</summary>
public enum ProofDocument
{
    /// <summary>居住证明: residence permit or proof of residence.</summary>
    ResidenceProof,

    /// <summary>工作证明: proof of work in the destination.</summary>
    WorkProof,

    /// <summary>转诊证明: the referring institution's referral certificate.</summary>
    ReferralCertificate,
}
