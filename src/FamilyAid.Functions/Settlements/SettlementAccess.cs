using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Callers;

namespace FamilyAid.Functions.Settlements;

/// <summary>How the caller stands to a settlement (object-level authorization).</summary>
public enum SettlementAccess
{
    /// <summary>May not know it exists: answer 404 (another institution's settlement included).</summary>
    None,

    /// <summary>The institution that settled it.</summary>
    SettlingInstitution,
}

/// <summary>Works out <see cref="SettlementAccess"/>.</summary>
public static class SettlementAccessRules
{
    /// <summary>The caller's standing towards <paramref name="settlement"/>.</summary>
    public static SettlementAccess Of(Caller caller, Settlement settlement) => caller switch
    {
        { Role: CallerRole.Institution, Institution: { } institution } when institution == settlement.Plan.InstitutionId
            => SettlementAccess.SettlingInstitution,
        _ => SettlementAccess.None,
    };
}
