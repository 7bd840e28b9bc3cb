namespace FamilyAid.Domain.Bindings;

/// <summary>What a binding grants.</summary>
public enum BindingKind
{
    /// <summary>家庭共济: the member spends the authorizer's personal account.</summary>
    Sharing,

    /// <summary>亲情账户: the authorizer acts for the member, with no access to money.</summary>
    Proxy,
}
