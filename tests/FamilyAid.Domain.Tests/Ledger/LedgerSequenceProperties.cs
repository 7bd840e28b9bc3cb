using CsCheck;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>The ledger's invariants over random sequences of transfers, settlements, refunds, crashes, recoveries and
/// duplicate runs, all posted through a model of the account store.</summary>
public sealed class LedgerSequenceProperties
{
    private const int Iterations = 300;

    private static readonly Gen<(FamilySpec[] Families, LedgerOp[] Ops)> Sequence =
        Gen.Select(LedgerGen.Family.Array[3, 5], LedgerGen.Op.Array[0, 40]);

    /// <summary>Plays the sequence, checking every account after every step, then recovers whatever crashed.</summary>
    private static LedgerWorld Played(FamilySpec[] families, LedgerOp[] ops)
    {
        var world = new LedgerWorld(families);
        foreach (var op in ops)
        {
            world.Apply(op);
            AssertAccountsBalance(world.Ledger);
        }

        world.RecoverAll();
        AssertAccountsBalance(world.Ledger);
        Assert.All(world.Settlements, s => Assert.True(s.Saved.IsSettled, $"{s.Saved.Id} is {s.Saved.Status}"));
        Assert.All(world.Transfers, t => Assert.True(t.Saved.IsSettled, $"{t.Saved.Id} is {t.Saved.Status}"));
        return world;
    }

    private static void AssertAccountsBalance(ModelLedger ledger)
    {
        foreach (var (id, account) in ledger.Accounts)
        {
            Assert.True(account.BalanceFen >= 0, $"{id} went negative: {account.BalanceFen}");
            Assert.Equal(account.OpeningFen + account.Entries.Sum(e => e.AmountFen), account.BalanceFen);
        }
    }

    private static long Taken(ModelLedger ledger, string key) =>
        ledger.ByKey.TryGetValue(key, out var posted) ? -posted.AppliedFen : 0;

    [Fact]
    public void Every_balance_is_its_opening_plus_its_entries_never_negative_and_each_key_has_at_most_one_entry()
    {
        Sequence.Sample((families, ops) =>
        {
            var ledger = Played(families, ops).Ledger;

            var keys = ledger.Entries.Select(e => e.Key).ToList();
            Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
            Assert.All(ledger.Entries, e => Assert.True(ledger.ByKey.ContainsKey(e.Key)));
        }, iter: Iterations);
    }

    [Fact]
    public void Money_leaves_the_accounts_only_as_the_account_parts_of_completed_unrefunded_settlements()
    {
        Sequence.Sample((families, ops) =>
        {
            var world = Played(families, ops);

            var paid = world.Settlements
                .Where(s => s.Saved.Status == SettlementStatus.Completed)
                .Sum(s => s.Saved.Split.OwnAccountFen + s.Saved.Split.FamilyAccountFen + s.Saved.Split.QuotaFen);
            Assert.Equal(world.Ledger.TotalOpeningFen - paid, world.Ledger.TotalFen);
        }, iter: Iterations);
    }

    [Fact]
    public void Every_settlement_pays_its_bill_exactly_with_what_its_posted_debits_took_and_no_more_than_the_balances_held()
    {
        Sequence.Sample((families, ops) =>
        {
            var world = Played(families, ops);
            var ledger = world.Ledger;

            foreach (var track in world.Settlements)
            {
                var (plan, split) = (track.Saved.Plan, track.Saved.Split);
                Assert.Equal(plan.BillFen, split.TotalFen);
                Assert.True(split.OwnAccountFen >= 0 && split.FamilyAccountFen >= 0 && split.CashFen >= 0, $"{plan.Id}: {split}");
                Assert.Equal(Taken(ledger, $"{plan.Id}/own"), split.OwnAccountFen);
                Assert.Equal(Taken(ledger, $"{plan.Id}/family"), split.FamilyAccountFen);
                Assert.Equal(plan.OwnAccount is not null, ledger.ByKey.ContainsKey($"{plan.Id}/own"));
                Assert.Equal(
                    plan.FamilyAccount is not null && split.OwnAccountFen + split.QuotaFen < plan.BillFen,
                    ledger.ByKey.ContainsKey($"{plan.Id}/family"));
                if (track.Uninterrupted is { } uninterrupted)
                {
                    Assert.Equal(uninterrupted, split);
                }

                // Each debit took all it could: the smaller of its cap and the balance it found.
                if (ledger.ByKey.TryGetValue($"{plan.Id}/own", out var own))
                {
                    Assert.Equal(own.Account, plan.OwnAccount);
                    Assert.Equal(Math.Min(plan.BillFen, own.BalanceBeforeFen), split.OwnAccountFen);
                }

                if (ledger.ByKey.TryGetValue($"{plan.Id}/family", out var family))
                {
                    Assert.Equal(family.Account, plan.FamilyAccount);
                    Assert.Equal(Math.Min(plan.BillFen - split.OwnAccountFen - split.QuotaFen, family.BalanceBeforeFen), split.FamilyAccountFen);
                }
            }

            Assert.All(
                ledger.ByKey.Values.Where(p => p.Posting.Reason == "settlement"),
                p => Assert.True(p.Posting.UpToBalance && p.Posting.Key.StartsWith($"{p.Posting.Reference}/", StringComparison.Ordinal)));
        }, iter: Iterations);
    }

    [Fact]
    public void A_refunded_settlement_restores_exactly_what_its_debits_took_and_a_completed_one_restores_nothing()
    {
        Sequence.Sample((families, ops) =>
        {
            var world = Played(families, ops);
            var ledger = world.Ledger;

            foreach (var track in world.Settlements)
            {
                var (id, split) = (track.Saved.Id, track.Saved.Split);
                var moved = ledger.Entries.Where(e => e.Reference == id).Sum(e => e.AmountFen);
                if (track.Saved.Status == SettlementStatus.Refunded)
                {
                    Assert.Equal(0, moved);
                    Assert.Equal(-split.OwnAccountFen, Taken(ledger, $"{id}/own-refund"));
                    Assert.Equal(-split.FamilyAccountFen, Taken(ledger, $"{id}/family-refund"));
                    Assert.Equal(split.OwnAccountFen > 0, ledger.ByKey.ContainsKey($"{id}/own-refund"));
                    Assert.Equal(split.FamilyAccountFen > 0, ledger.ByKey.ContainsKey($"{id}/family-refund"));
                }
                else
                {
                    Assert.Equal(SettlementStatus.Completed, track.Saved.Status);
                    Assert.Equal(-(split.OwnAccountFen + split.FamilyAccountFen + split.QuotaFen), moved);
                    Assert.False(ledger.ByKey.ContainsKey($"{id}/own-refund"));
                    Assert.False(ledger.ByKey.ContainsKey($"{id}/family-refund"));
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void A_refused_transfer_moves_nothing_and_a_completed_one_moves_its_amount_from_the_authorizer_to_the_pool()
    {
        Sequence.Sample((families, ops) =>
        {
            var world = Played(families, ops);
            var ledger = world.Ledger;

            foreach (var track in world.Transfers)
            {
                var transfer = track.Saved;
                var debitKey = $"{transfer.Id}/debit";
                var creditKey = $"{transfer.Id}/credit";
                if (transfer.Status == TransferStatus.Refused)
                {
                    Assert.DoesNotContain(ledger.Entries, e => e.Reference == transfer.Id);
                    Assert.False(ledger.ByKey.ContainsKey(debitKey));
                    Assert.False(ledger.ByKey.ContainsKey(creditKey));
                }
                else
                {
                    Assert.Equal(TransferStatus.Completed, transfer.Status);
                    var (debit, credit) = (ledger.ByKey[debitKey], ledger.ByKey[creditKey]);
                    Assert.Equal((transfer.From, track.Start.NextLeg()!.Posting, -transfer.AmountFen), (debit.Account, debit.Posting, debit.AppliedFen));
                    Assert.Equal((transfer.To, transfer.AmountFen), (credit.Account, credit.AppliedFen));
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void A_movement_that_crashed_and_was_recovered_ends_as_if_it_had_run_once()
    {
        Sequence.Sample((families, ops) =>
        {
            var world = Played(families, ops);
            var ledger = world.Ledger;

            foreach (var track in world.Settlements.Where(s => s.Crashes > 0))
            {
                var id = track.Saved.Id;
                var legs = ledger.Entries.Where(e => e.Reference == id).ToList();
                Assert.True(legs.Count <= 6, $"{id} has {legs.Count} entries");
                Assert.Equal(legs.Count, legs.Select(e => e.Key).Distinct(StringComparer.Ordinal).Count());
                Assert.Equal(track.Saved.Split.OwnAccountFen, Taken(ledger, $"{id}/own"));
                Assert.Equal(track.Saved.Split.FamilyAccountFen, Taken(ledger, $"{id}/family"));
            }

            foreach (var track in world.Transfers.Where(t => t.Crashes > 0 && t.Saved.Status == TransferStatus.Completed))
            {
                var legs = ledger.Entries.Where(e => e.Reference == track.Saved.Id).Select(e => e.AmountFen).Order().ToList();
                Assert.Equal([-track.Saved.AmountFen, track.Saved.AmountFen], legs);
            }
        }, iter: Iterations);
    }
}
