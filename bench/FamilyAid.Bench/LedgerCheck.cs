using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Http;
using LedgerKeys = FamilyAid.Functions.Storage.Keys;

namespace FamilyAid.Bench;

/// <summary>After the run: every account of the run's Accounts table keeps its invariant, every settlement answer adds
/// up, and answers, stored settlements and ledger entries agree with each other.</summary>
/// <remarks>Per account (partition): a balance row; entries numbered 1..n with the balance row's <c>Sequence</c> = n;
/// <c>OpeningFen</c> + the entries' <c>AmountFen</c> in order gives each entry's <c>BalanceAfterFen</c> and, at the
/// end, <c>BalanceFen</c>; no balance below 0; each entry's posting key names a key row of the same sequence, and no
/// key is used by two entries. Per settlement answer: own + family + cash = bill, none negative, status completed, and
/// the stored state (Movements table) the same. Per stored settlement: each leg posted once, under its key, for the
/// amount the state records, and no settlement entry without a settlement.</remarks>
internal static class LedgerCheck
{
    public sealed record Outcome(
        int Accounts, long Entries, long KeyRows, int AccountsBad, int Answers, int AnswersBad, int Stored, int StoredBad,
        int Unacknowledged, int PendingLeft, long Legs, long LegEntries, IReadOnlyList<string> Examples)
    {
        /// <summary>Quota postings: reserved − spent + restored − released = what the quota rows hold.</summary>
        public QuotaCheck.Figures Quotas { get; init; } = QuotaCheck.Figures.None;

        /// <summary>Each bench institution's reconciliation totals against the ledger's postings for its settlements.</summary>
        public IReadOnlyList<ReconciliationCheck.Institution> Reconciliation { get; init; } = [];

        public bool Passed => AccountsBad == 0 && AnswersBad == 0 && StoredBad == 0 && Quotas.Balanced && Reconciliation.All(r => r.Agrees);
    }

    private sealed class Account
    {
        private ILookup<string, TableEntity>? byKey;

        public TableEntity? Balance { get; set; }

        public List<TableEntity> Entries { get; } = [];

        public ILookup<string, TableEntity> EntriesByKey => byKey ??= Entries.ToLookup(e => e.GetString("PostingKey") ?? "", StringComparer.Ordinal);

        public Dictionary<string, TableEntity> KeyRows { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, TableEntity> Quotas { get; } = new(StringComparer.Ordinal);
    }

    public static async Task<Outcome> Run(
        TableClient accountsTable, TableClient movementsTable, IReadOnlyDictionary<string, SettlementAnswer> answers, IReadOnlyDictionary<string, HttpClient> institutions)
    {
        var examples = new ConcurrentQueue<string>();
        void Bad(string what)
        {
            if (examples.Count < 10)
            {
                examples.Enqueue(what);
            }
        }

        // 1. Every account.
        var accounts = new Dictionary<string, Account>(StringComparer.Ordinal);
        long entries = 0, keyRows = 0;
        await foreach (var row in accountsTable.QueryAsync<TableEntity>(maxPerPage: 1000))
        {
            if (!accounts.TryGetValue(row.PartitionKey, out var account))
            {
                accounts[row.PartitionKey] = account = new Account();
            }

            if (row.RowKey == LedgerKeys.Balance)
            {
                account.Balance = row;
            }
            else if (row.RowKey.StartsWith(LedgerKeys.LedgerEntryPrefix, StringComparison.Ordinal))
            {
                account.Entries.Add(row);
                entries++;
            }
            else if (row.RowKey.StartsWith("k-", StringComparison.Ordinal))
            {
                account.KeyRows[row.RowKey] = row;
                keyRows++;
            }
            else if (row.RowKey.StartsWith("q-", StringComparison.Ordinal))
            {
                account.Quotas[row.RowKey[2..]] = row;
            }
            else
            {
                Bad($"{row.PartitionKey}: unexpected row {row.RowKey}");
            }
        }

        var accountsBad = 0;
        foreach (var (id, account) in accounts)
        {
            var problem = AccountProblem(account);
            if (problem is not null)
            {
                accountsBad++;
                Bad($"account {id}: {problem}");
            }
        }

        // 2. Every stored settlement, and what is left pending.
        var stored = new Dictionary<string, Settlement>(StringComparer.Ordinal);
        var pendingLeft = 0;
        await foreach (var row in movementsTable.QueryAsync<TableEntity>(maxPerPage: 1000))
        {
            if (row.PartitionKey == "pending")
            {
                pendingLeft++;
            }
            else if (row.GetString("Kind") == nameof(Settlement))
            {
                stored[row.PartitionKey] = JsonSerializer.Deserialize<Settlement>(row.GetString("State")!, Json.Options)!;
            }
        }

        // 3. Every answer adds up and is what was stored.
        var answersBad = 0;
        foreach (var a in answers.Values)
        {
            // A cross-province relative pays from a quota in the sharer's account (no quota leg once it is spent) and has no
            // family account; a refunded settlement is stored refunded with the split it had.
            var problem = a.OwnFen < 0 || a.FamilyFen < 0 || a.CashFen < 0 || a.QuotaFen < 0 ? "a negative part"
                : a.OwnFen + a.FamilyFen + a.QuotaFen + a.CashFen != a.BillFen ? "parts do not add up to the bill"
                : a.Status is not ("completed" or "refunded") ? $"status {a.Status}"
                : !stored.TryGetValue(a.Id, out var s) ? "no stored settlement"
                : Wire.Name(s.Status) != a.Status || s.Split.OwnAccountFen != a.OwnFen || s.Split.FamilyAccountFen != a.FamilyFen || s.Split.QuotaFen != a.QuotaFen || s.Plan.BillFen != a.BillFen
                    ? $"stored as {s.Status} {s.Split.OwnAccountFen}/{s.Split.FamilyAccountFen}/{s.Split.QuotaFen}/{s.Split.CashFen} of {s.Plan.BillFen}"
                : s.Plan.OwnAccount != AccountId.Personal(a.PayerId)
                  || (a.CrossProvince
                      ? s.Plan.FamilyAccount is not null || (s.Plan.QuotaAccount is { } quota && quota != AccountId.Personal(a.AuthorizerId))
                      : s.Plan.FamilyAccount != AccountId.Personal(a.AuthorizerId))
                    ? "planned on other accounts"
                : null;
            if (problem is not null)
            {
                answersBad++;
                Bad($"answer {a.Id}: {a.OwnFen} + {a.FamilyFen} + {a.QuotaFen} + {a.CashFen} of {a.BillFen} fen, {a.Status}: {problem}");
            }
        }

        // 4. Stored settlements and the ledger agree: each leg once, under its key, for the recorded amount.
        var storedBad = 0;
        var settlementEntries = new HashSet<(string Account, string Reference)>();
        foreach (var (accountId, account) in accounts)
        {
            foreach (var entry in account.Entries.Where(e => e.GetString("Reason") == "settlement"))
            {
                var reference = entry.GetString("Reference") ?? "";
                if (!settlementEntries.Add((accountId, reference)) || !stored.ContainsKey(reference))
                {
                    storedBad++;
                    Bad($"account {accountId}: settlement entry {entry.RowKey} for {reference}, twice or of no stored settlement");
                }
            }
        }

        long legs = 0;
        foreach (var (id, s) in stored)
        {
            var quotaDue = s.Plan.QuotaAccount is not null && s.Plan.BillFen > (s.OwnFen ?? 0);
            var familyDue = s.Plan.FamilyAccount is not null && s.Plan.BillFen > (s.OwnFen ?? 0) + (s.QuotaFen ?? 0);
            legs += (s.Plan.OwnAccount is not null ? 1 : 0) + (quotaDue ? 1 : 0) + (familyDue ? 1 : 0);
            var problem = s.Status is not (SettlementStatus.Completed or SettlementStatus.Refunded) ? $"status {s.Status}"
                : LegProblem(accounts, id, Settlement.OwnLeg, s.Plan.OwnAccount, s.OwnFen ?? 0, posted: s.Plan.OwnAccount is not null)
                  ?? LegProblem(accounts, id, Settlement.QuotaLeg, s.Plan.QuotaAccount, s.QuotaFen ?? 0, posted: quotaDue)
                  ?? LegProblem(accounts, id, Settlement.FamilyLeg, s.Plan.FamilyAccount, s.FamilyFen ?? 0, posted: familyDue);
            if (problem is not null)
            {
                storedBad++;
                Bad($"settlement {id}: {problem}");
            }
        }

        // 5. Quota postings balance, and each institution's reconciliation agrees with the ledger.
        var quotas = QuotaCheck.Run(accounts.Select(a => new QuotaCheck.Account(a.Key, a.Value.Balance, a.Value.Entries, a.Value.Quotas)), Bad);
        var reconciliation = await ReconciliationCheck.Run(institutions, stored, (account, key) => accounts.TryGetValue(account, out var a)
            ? a.EntriesByKey[LedgerKeys.PostingKey(key)].Sum(e => e.GetInt64("AmountFen") ?? 0)
            : 0, Bad);

        var unacknowledged = stored.Keys.Count(id => !answers.ContainsKey(id));
        return new Outcome(accounts.Count, entries, keyRows, accountsBad, answers.Count, answersBad, stored.Count, storedBad, unacknowledged, pendingLeft, legs, settlementEntries.Count, [.. examples])
        {
            Quotas = quotas,
            Reconciliation = reconciliation,
        };
    }

    private static string? AccountProblem(Account account)
    {
        if (account.Balance is not { } balance)
        {
            return $"no balance row ({account.Entries.Count} entries, {account.KeyRows.Count} key rows)";
        }

        var running = balance.GetInt64("OpeningFen") ?? -1;
        if (running < 0)
        {
            return "no or negative OpeningFen";
        }

        var ordered = account.Entries.OrderBy(e => e.GetInt64("Sequence") ?? 0).ToList();
        var keysUsed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            var sequence = e.GetInt64("Sequence") ?? 0;
            if (sequence != i + 1 || e.RowKey != LedgerKeys.LedgerEntry(sequence))
            {
                return $"entry {e.RowKey} has sequence {sequence}, expected {i + 1}";
            }

            running += e.GetInt64("AmountFen") ?? 0;
            if (running < 0 || e.GetInt64("BalanceAfterFen") != running)
            {
                return $"entry {sequence}: running balance {running}, entry says {e.GetInt64("BalanceAfterFen")}";
            }

            var key = e.GetString("PostingKey") ?? "";
            if (!keysUsed.Add(key))
            {
                return $"posting key {key} used by two entries";
            }

            if (!account.KeyRows.TryGetValue(key, out var keyRow) || keyRow.GetInt64("Sequence") != sequence || keyRow.GetInt64("AppliedFen") != e.GetInt64("AmountFen"))
            {
                return $"entry {sequence}: its key row {key} is missing or names another sequence or amount";
            }
        }

        foreach (var keyRow in account.KeyRows.Values)
        {
            var sequence = keyRow.GetInt64("Sequence") ?? -1;
            if (sequence < 0 || sequence > ordered.Count || (sequence == 0 && keyRow.GetInt64("AppliedFen") != 0))
            {
                return $"key row {keyRow.RowKey} names sequence {sequence} of {ordered.Count}";
            }
        }

        if (balance.GetInt64("Sequence") != ordered.Count)
        {
            return $"balance row sequence {balance.GetInt64("Sequence")}, {ordered.Count} entries";
        }

        var balanceFen = balance.GetInt64("BalanceFen");
        return balanceFen != running || balanceFen < 0
            ? $"opening {balance.GetInt64("OpeningFen")} + entries = {running}, balance row says {balanceFen}"
            : null;
    }

    private static string? LegProblem(Dictionary<string, Account> accounts, string settlementId, string leg, AccountId? account, long paidFen, bool posted)
    {
        if (!posted)
        {
            return paidFen == 0 ? null : $"{leg} leg not due but {paidFen} fen recorded";
        }

        if (!accounts.TryGetValue(account!.Value.Value, out var a))
        {
            return $"{leg} leg: account {account.Value.Value} not in the table";
        }

        var key = LedgerKeys.PostingKey($"{settlementId}/{leg}");
        if (!a.KeyRows.TryGetValue(key, out var keyRow))
        {
            return $"{leg} leg: no key row in {account.Value.Value}";
        }

        if (keyRow.GetInt64("AppliedFen") != -paidFen)
        {
            return $"{leg} leg: key row applied {keyRow.GetInt64("AppliedFen")}, state records {paidFen}";
        }

        var entry = a.EntriesByKey[key].ToList();
        return (paidFen == 0 ? entry.Count == 0 : entry.Count == 1 && entry[0].GetInt64("AmountFen") == -paidFen && entry[0].GetString("Reference") == settlementId)
            ? null
            : $"{leg} leg: {entry.Count} entries under its key for {paidFen} fen";
    }
}
