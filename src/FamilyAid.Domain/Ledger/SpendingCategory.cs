namespace FamilyAid.Domain.Ledger;

/// <summary>What a bill is for; only some may be paid from a personal or family account.</summary>
public enum SpendingCategory
{
    /// <summary>门诊: the personal-burden part of outpatient treatment at a designated institution.</summary>
    Outpatient,

    /// <summary>住院: the personal-burden part of inpatient treatment.</summary>
    Inpatient,

    /// <summary>定点零售药店: medicines, devices and consumables at a designated pharmacy.</summary>
    Pharmacy,

    /// <summary>A relative's resident-insurance premium (a policy flag, on in every region).</summary>
    ResidentPremium,

    /// <summary>养生保健: never covered.</summary>
    Wellness,

    /// <summary>健身: never covered.</summary>
    Fitness,

    /// <summary>公共卫生: never covered.</summary>
    PublicHealth,

    /// <summary>急诊抢救: emergency treatment; covered, and counts as registered anywhere (no 备案 needed in another province).</summary>
    Emergency,
}
