namespace FamilyAid.Domain.RemoteTreatment;

/// <summary>Where a remote-treatment registration stands.</summary>
public enum RegistrationStatus
{
    /// <summary>In force: covers settlements in its destination from its start date.</summary>
    Active,

    /// <summary>Waiting for a reviewer of the person's region (proof by documents, or a region without 承诺制).</summary>
    InReview,

    /// <summary>Cancelled by the person or someone who acts for them.</summary>
    Cancelled,

    /// <summary>A temporary registration past its last valid day.</summary>
    Expired,

    /// <summary>Refused by the reviewer.</summary>
    Rejected,
}
