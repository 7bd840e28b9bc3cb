using FamilyAid.Domain.Ledger;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Tests.Ledger;

public sealed class AccountIdTests
{
    [Fact]
    public void A_personal_account_is_not_a_pool_and_names_its_person()
    {
        var account = AccountId.Personal("01a2-person");

        Assert.False(account.IsPool);
        Assert.Equal("01a2-person", account.OwnerId);
    }

    [Fact]
    public void A_pool_is_a_pool_and_names_its_authorizer()
    {
        var account = AccountId.Pool("01a2-authorizer");

        Assert.True(account.IsPool);
        Assert.Equal("01a2-authorizer", account.OwnerId);
    }

    [Theory]
    [InlineData(FundingMode.Pool, true)]
    [InlineData(FundingMode.Direct, false)]
    public void The_family_account_is_the_pool_only_where_the_region_keeps_one(FundingMode funding, bool pool)
    {
        var account = AccountId.Family(funding, "01a2-authorizer");

        Assert.Equal(pool, account.IsPool);
        Assert.Equal("01a2-authorizer", account.OwnerId);
    }
}
