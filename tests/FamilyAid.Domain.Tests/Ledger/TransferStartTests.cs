using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

public sealed class TransferStartTests
{
    [Fact]
    public void A_transfer_moves_money_from_the_authorizers_personal_account_into_their_pool()
    {
        var transfer = Transfer.Start("transfer-1", TestPeople.AuthorizerId, 50_000);

        Assert.Equal(
            new Transfer(
                "transfer-1", TestPeople.AuthorizerId, AccountId.Personal(TestPeople.AuthorizerId), AccountId.Pool(TestPeople.AuthorizerId),
                50_000, TransferStatus.Planned, Debited: false, Credited: false),
            transfer);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void The_amount_must_be_positive(long amount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Transfer.Start("transfer-1", TestPeople.AuthorizerId, amount));
}
