using Azure.Data.Tables;

namespace FamilyAid.Bench;

/// <summary>The ledger check of quotas (共济额度): in every account, the entries' reservation changes add up, entry by
/// entry, to their <c>ReservedAfterFen</c> and at the end to the balance row's <c>ReservedFen</c> (never above the
/// balance), which is what the quota rows hold; each quota row holds the sum of the changes posted under it; and over the
/// run, reserved − spent + restored − released = what is left.</summary>
internal static class QuotaCheck
{
    /// <summary>One account as read: balance row, entries, quota rows by relationship id.</summary>
    public sealed record Account(string Id, TableEntity? Balance, IReadOnlyList<TableEntity> Entries, IReadOnlyDictionary<string, TableEntity> Quotas);

    /// <summary>Fen over every quota: set aside, spent by settlements and premiums, restored by refunds, released (a
    /// lower setting or the relationship's end), left in the quota rows; and the accounts whose figures disagree.</summary>
    public sealed record Figures(int Quotas, long ReservedFen, long SpentFen, long RestoredFen, long ReleasedFen, long LeftFen, int AccountsBad)
    {
        public static readonly Figures None = new(0, 0, 0, 0, 0, 0, 0);

        public bool Balanced => AccountsBad == 0 && ReservedFen - SpentFen + RestoredFen - ReleasedFen == LeftFen;
    }

    public static Figures Run(IEnumerable<Account> accounts, Action<string> bad)
    {
        long reserved = 0, spent = 0, restored = 0, released = 0, left = 0;
        int quotas = 0, accountsBad = 0;
        foreach (var account in accounts)
        {
            var running = 0L;
            string? problem = null;
            var byQuota = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var e in account.Entries.OrderBy(e => e.GetInt64("Sequence") ?? 0))
            {
                var change = e.GetInt64("ReservedChangeFen") ?? 0;
                running += change;
                problem ??= e.GetInt64("ReservedAfterFen") is { } after && after != running ? $"entry {e.GetInt64("Sequence")}: reserved {running}, entry says {after}" : null;
                if (change == 0 || e.GetString("Quota") is not { } quota)
                {
                    continue;
                }

                byQuota[quota] = byQuota.GetValueOrDefault(quota) + change;
                switch (e.GetString("Reason"), change > 0)
                {
                    case ("refund", true): restored += change; break;
                    case ("settlement" or "premium", false): spent -= change; break;
                    case (_, true): reserved += change; break;
                    default: released -= change; break;
                }
            }

            var rows = account.Quotas.Sum(q => q.Value.GetInt64("QuotaFen") ?? 0);
            var onBalance = account.Balance?.GetInt64("ReservedFen") ?? 0;
            problem ??= running != onBalance ? $"entries reserve {running}, balance row {onBalance}"
                : onBalance > (account.Balance?.GetInt64("BalanceFen") ?? 0) ? $"reserved {onBalance} above the balance"
                : rows != onBalance ? $"quota rows hold {rows}, balance row reserves {onBalance}"
                : account.Quotas.FirstOrDefault(q => (q.Value.GetInt64("QuotaFen") ?? 0) != byQuota.GetValueOrDefault(q.Key)) is { Key: { } off }
                    ? $"quota {off}: row {account.Quotas[off].GetInt64("QuotaFen")}, its entries {byQuota.GetValueOrDefault(off)}"
                : null;
            if (problem is not null)
            {
                accountsBad++;
                bad($"account {account.Id} quotas: {problem}");
            }

            quotas += account.Quotas.Count;
            left += rows;
        }

        return new Figures(quotas, reserved, spent, restored, released, left, accountsBad);
    }
}
