namespace FamilyAid.Domain.RemoteTreatment;

/// <summary>The six kinds of 异地就医备案: three long-term (valid until cancelled), three temporary (valid at least six
/// months from the start date, for repeated visits).</summary>
public enum RemoteKind
{
    /// <summary>异地安置退休: a retiree resettled in another province (long-term).</summary>
    ResettledRetiree,

    /// <summary>异地长期居住: living in another province long-term (long-term).</summary>
    LongTermResidence,

    /// <summary>常驻异地工作: working in another province (long-term).</summary>
    ResidentWorker,

    /// <summary>异地转诊: referred to an institution in another province; needs the referral (temporary).</summary>
    Referral,

    /// <summary>异地急诊抢救: emergency treatment in another province, filed for the stay (temporary).</summary>
    Emergency,

    /// <summary>其他临时外出就医: any other temporary stay (temporary).</summary>
    TemporaryOther,
}

/// <summary>What the kinds imply.</summary>
public static class RemoteKinds
{
    /// <summary>Long-term kinds are valid until cancelled; temporary ones expire.</summary>
    public static bool IsLongTerm(this RemoteKind kind) =>
        kind is RemoteKind.ResettledRetiree or RemoteKind.LongTermResidence or RemoteKind.ResidentWorker;
}
