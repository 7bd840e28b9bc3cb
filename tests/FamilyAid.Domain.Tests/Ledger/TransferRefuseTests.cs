using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>Only the first debit can be refused: once money left the authorizer's account, the transfer finishes forward.</summary>
public sealed class TransferRefuseTests
{
    private static readonly Transfer Planned = Transfer.Start("transfer-1", TestPeople.AuthorizerId, 50_000);

    [Fact]
    public void A_refused_first_debit_refuses_the_transfer_and_leaves_no_leg()
    {
        var refused = Planned.Refuse(Planned.NextLeg()!, PostingRefusal.InsufficientBalance);

        Assert.Equal(TransferStatus.Refused, refused.Status);
        Assert.False(refused.Debited);
        Assert.False(refused.Credited);
        Assert.Null(refused.NextLeg());
    }

    [Fact]
    public void A_refused_transfer_stays_refused_when_finished()
    {
        var refused = Planned.Refuse(Planned.NextLeg()!, PostingRefusal.InsufficientBalance);

        Assert.Equal(refused, refused.Finish());
    }

    [Fact]
    public void The_credit_cannot_be_refused()
    {
        var debited = Planned.Posted();
        var credit = debited.NextLeg()!;

        Assert.Throws<InvalidOperationException>(() => debited.Refuse(credit, PostingRefusal.InsufficientBalance));
    }

    [Fact]
    public void The_debit_cannot_be_refused_once_it_was_posted()
    {
        var debit = Planned.NextLeg()!;
        var debited = Planned.Record(debit, debit.Posting.AmountFen);

        Assert.Throws<InvalidOperationException>(() => debited.Refuse(debit, PostingRefusal.InsufficientBalance));
    }
}
