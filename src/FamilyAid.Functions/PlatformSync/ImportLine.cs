using FamilyAid.Domain.Insurance;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>What one line of a platform file asks for.</summary>
public enum ImportOp
{
    /// <summary>Creates or updates the person with every field given.</summary>
    Upsert,

    /// <summary>The person's insurance stops (status <c>suspended</c>, 参保中断); fields not given keep their values.</summary>
    EndInsurance,

    /// <summary>The person moves to <c>region</c>; fields not given keep their values.</summary>
    MoveRegion,
}

/// <summary>One line of a platform file as written: the admin route's fields plus <c>op</c>, with the personal-account
/// balance named <c>accountBalanceFen</c> (the platform's figure).</summary>
public sealed record ImportLine(
    ImportOp? Op = null,
    string? ResidentId = null,
    string? Name = null,
    string? Phone = null,
    InsuranceType? InsuranceType = null,
    InsuranceStatus? Status = null,
    string? Region = null,
    long? AccountBalanceFen = null)
{
    // A record prints its members: this one would print a resident ID and a phone in clear into any log.
    /// <inheritdoc />
    public override string ToString() => $"ImportLine {{ Op = {Op} }}";
}
