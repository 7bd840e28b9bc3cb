using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

public sealed class TransferFinishTests
{
    private static readonly Transfer Planned = Transfer.Start("transfer-1", TestPeople.AuthorizerId, 50_000);

    [Fact]
    public void Finishing_once_both_legs_are_posted_completes_the_transfer()
    {
        var debited = Planned.Posted();
        var credited = debited.Posted();

        var completed = credited.Finish();

        Assert.Equal(TransferStatus.Completed, completed.Status);
        Assert.Equal(completed, completed.Finish());
    }

    [Fact]
    public void Finishing_before_any_leg_is_posted_throws() =>
        Assert.Throws<InvalidOperationException>(() => Planned.Finish());

    [Fact]
    public void Finishing_between_the_debit_and_the_credit_throws()
    {
        var debited = Planned.Posted();

        Assert.Throws<InvalidOperationException>(() => debited.Finish());
    }

    [Fact]
    public void A_transfer_needs_no_more_running_once_completed_or_refused()
    {
        var debited = Planned.Posted();
        var completed = debited.Posted().Finish();
        var refused = Planned.Refuse(Planned.NextLeg()!, PostingRefusal.InsufficientBalance);

        Assert.Equal(
            [false, false, true, true],
            new[] { Planned, debited, completed, refused }.Select(t => t.IsSettled));
    }
}
