using CsCheck;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>The measures of issue 12 over random sequences of quota settings, settlements, refunds, premiums, ends,
/// crashes and recoveries: no sharer spends what is reserved, nothing is spent twice, and every statement adds up.</summary>
public sealed class QuotaSequenceProperties
{
    private static readonly Gen<(FamilySpec[] Families, LedgerOp[] Ops)> Sequence =
        Gen.Select(LedgerGen.Family.Array[2, 4], LedgerGen.QuotaOps.Array[0, 60]);

    [Fact]
    public void Balance_minus_reserved_quotas_is_never_negative_nothing_is_spent_twice_and_opening_plus_entries_is_the_balance()
    {
        Sequence.Sample((families, ops) =>
        {
            // Given families whose sharers set, change and lose quotas while members settle, refund and have premiums paid
            var world = new LedgerWorld(families);
            foreach (var op in ops)
            {
                // When each step runs (some crash between legs and are recovered later)
                world.Apply(op);

                // Then after every step every account holds what its entries say, its quotas are within it, and keys are unique
                AssertAccounts(world.Ledger);
            }

            world.RecoverAll();
            AssertAccounts(world.Ledger);
            var keys = world.Ledger.Entries.Select(e => e.Key).ToList();
            Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
            // Money leaves only as what completed settlements took from accounts and quotas, and premiums paid once.
            var settled = world.Settlements.Where(s => s.Saved.Status == SettlementStatus.Completed)
                .Sum(s => s.Saved.Split.OwnAccountFen + s.Saved.Split.FamilyAccountFen + s.Saved.Split.QuotaFen);
            var premiums = world.Premiums.Values.Sum(p => -p.AmountFen);
            Assert.Equal(world.Ledger.TotalOpeningFen - settled - premiums, world.Ledger.TotalFen);
        }, iter: 400);
    }

    private static void AssertAccounts(ModelLedger ledger)
    {
        foreach (var (id, account) in ledger.Accounts)
        {
            Assert.True(account.BalanceFen - account.ReservedFen >= 0, $"{id}: balance {account.BalanceFen} below reserved {account.ReservedFen}");
            Assert.Equal(account.OpeningFen + account.Entries.Sum(e => e.AmountFen), account.BalanceFen);
            Assert.Equal(account.Entries.Sum(e => e.ReservedChangeFen), account.ReservedFen);
            Assert.Equal(account.Quotas.Values.Sum(q => q.QuotaFen), account.ReservedFen);
            Assert.All(account.Quotas.Values, q => Assert.True(q.QuotaFen >= 0 && (!q.Closed || q.QuotaFen == 0), $"{id}: {q}"));
        }
    }
}
