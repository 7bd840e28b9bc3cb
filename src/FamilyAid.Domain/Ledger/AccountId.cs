using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Ledger;

/// <summary>An account: an insured person's personal account (个人账户) or an authorizer's family pool.</summary>
/// <remarks>The value is built from ids we issued, so it is safe as a table key and carries no personal data.</remarks>
public readonly record struct AccountId(string Value)
{
    /// <summary>The personal account of <paramref name="personId"/>.</summary>
    public static AccountId Personal(string personId) => new(PersonalPrefix + personId);

    /// <summary>The family pool an authorizer funds by transfers (pool regions).</summary>
    public static AccountId Pool(string authorizerId) => new(PoolPrefix + authorizerId);

    /// <summary>The account a sharing group's members spend: the pool where the region keeps one, else the
    /// authorizer's personal account.</summary>
    public static AccountId Family(FundingMode funding, string authorizerId) =>
        funding == FundingMode.Pool ? Pool(authorizerId) : Personal(authorizerId);

    /// <summary>Whether this is a family pool (opened empty) rather than a personal account.</summary>
    public bool IsPool => Value.StartsWith(PoolPrefix, StringComparison.Ordinal);

    /// <summary>The person whose account this is (the authorizer, for a pool).</summary>
    public string OwnerId => Value[(IsPool ? PoolPrefix : PersonalPrefix).Length..];

    /// <inheritdoc />
    public override string ToString() => Value;

    private const string PersonalPrefix = "p-";
    private const string PoolPrefix = "pool-";
}
