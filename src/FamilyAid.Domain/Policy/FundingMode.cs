namespace FamilyAid.Domain.Policy;

/// <summary>Where members' spending comes from.</summary>
public enum FundingMode
{
    /// <summary>Members spend the authorizer's personal account directly.</summary>
    Direct,

    /// <summary>The authorizer transfers (划拨) into a family pool that members spend.</summary>
    Pool,
}
