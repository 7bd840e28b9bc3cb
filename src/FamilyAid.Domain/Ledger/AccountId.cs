using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Ledger;

/// <summary>An account: an insured person's personal account (个人账户) or an authorizer's family pool.</summary>
/// <remarks>The value is built from ids we issued, so it is safe as a table key and carries no personal data.</remarks>
public readonly record struct AccountId(string Value)
{
    /// <summary>The personal account of <paramref name="personId"/>.</summary>
    public static AccountId Personal(string personId) => new($"p-{personId}");

    /// <summary>The family pool an authorizer funds by transfers (pool regions).</summary>
    public static AccountId Pool(string authorizerId) => new($"pool-{authorizerId}");

    /// <summary>The account a sharing group's members spend: the pool where the region keeps one, else the
    /// authorizer's personal account.</summary>
    public static AccountId Family(FundingMode funding, string authorizerId) =>
        funding == FundingMode.Pool ? Pool(authorizerId) : Personal(authorizerId);

    /// <inheritdoc />
    public override string ToString() => Value;
}
