using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Ledger;

/// <summary>Account ledgers: per account (one partition) a balance row, its entries and its idempotency rows; a posting
/// changes all three in one entity-group transaction guarded by the balance row's ETag.</summary>
/// <remarks>Invariant, kept by construction and checked by tests: opening + sum of entries = balance, never negative.
/// A refused posting (insufficient balance) is not remembered under its key: a retry after a top-up may succeed.</remarks>
public sealed class AccountLedger(Tables tables, TimeProvider clock)
{
    /// <summary>How often a posting is tried again after losing a race for the balance row.</summary>
    public const int MaxAttempts = 50;

    /// <summary>Opens an account with its opening balance; does nothing if it exists.</summary>
    public async Task Open(string accountId, long openingFen, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(openingFen);
        try
        {
            await tables.Accounts.AddEntityAsync(new TableEntity(accountId, Keys.Balance)
            {
                ["OpeningFen"] = openingFen,
                ["BalanceFen"] = openingFen,
                ["Sequence"] = 0L,
            }, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Open already.
        }
    }

    /// <summary>The opening and current balance, or null for an account never opened.</summary>
    public async Task<(long OpeningFen, long BalanceFen)?> Balance(string accountId, CancellationToken ct)
    {
        var found = await tables.Accounts.GetEntityIfExistsAsync<TableEntity>(accountId, Keys.Balance, cancellationToken: ct);
        return found.HasValue ? (found.Value!.GetInt64("OpeningFen") ?? 0, found.Value.GetInt64("BalanceFen") ?? 0) : null;
    }

    /// <summary>Posts once per key: the first posting under a key makes an entry; a retry with the same body gets that
    /// entry again; the same key with another body is a conflict.</summary>
    public async Task<PostingOutcome> Post(string accountId, Posting posting, CancellationToken ct)
    {
        var keyRow = Keys.PostingKey(posting.Key);
        var requestHash = Hash(posting);
        for (var attempt = 1; ; attempt++)
        {
            // The balance and the key's row in one read.
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and (RowKey eq {Keys.Balance} or RowKey eq {keyRow})");
            TableEntity? balance = null, seen = null;
            await foreach (var row in tables.Accounts.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            {
                if (row.RowKey == Keys.Balance)
                {
                    balance = row;
                }
                else
                {
                    seen = row;
                }
            }

            if (balance is null)
            {
                throw new InvalidOperationException($"Account {accountId} is not open.");
            }

            if (seen is not null)
            {
                return seen.GetString("RequestHash") == requestHash
                    ? new PostingOutcome(await Entry(accountId, seen.GetInt64("Sequence")!.Value, ct), null, Replayed: true, Conflict: false)
                    : new PostingOutcome(null, null, Replayed: false, Conflict: true);
            }

            var (after, refusal) = AccountRules.Apply(balance.GetInt64("BalanceFen") ?? 0, posting);
            if (refusal is not null)
            {
                return new PostingOutcome(null, refusal, Replayed: false, Conflict: false);
            }

            var entry = new LedgerEntry((balance.GetInt64("Sequence") ?? 0) + 1, posting.AmountFen, after!.Value, posting.Reason, posting.Reference, clock.GetUtcNow());
            try
            {
                await tables.Accounts.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(accountId, Keys.Balance)
                    {
                        ["BalanceFen"] = entry.BalanceAfterFen,
                        ["Sequence"] = entry.Sequence,
                    }, balance.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(accountId, Keys.LedgerEntry(entry.Sequence))
                    {
                        ["Sequence"] = entry.Sequence,
                        ["AmountFen"] = entry.AmountFen,
                        ["BalanceAfterFen"] = entry.BalanceAfterFen,
                        ["Reason"] = entry.Reason,
                        ["Reference"] = entry.Reference,
                        ["At"] = entry.At,
                        ["PostingKey"] = keyRow,
                    }),
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(accountId, keyRow)
                    {
                        ["RequestHash"] = requestHash,
                        ["Sequence"] = entry.Sequence,
                    }),
                ], ct);
                return new PostingOutcome(entry, null, Replayed: false, Conflict: false);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another posting moved the balance first (or took this key): read again and decide again.
                await Task.Delay(Random.Shared.Next(1, 5 + attempt), ct);
            }
        }
    }

    /// <summary>The account's entries, newest first.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> Entries(string accountId, int take, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {accountId} and RowKey ge {Keys.LedgerEntryPrefix} and RowKey lt {Keys.PrefixEnd(Keys.LedgerEntryPrefix)}");
        var entries = new List<LedgerEntry>();
        await foreach (var row in tables.Accounts.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(take, 1000), cancellationToken: ct))
        {
            entries.Add(ToEntry(row));
            if (entries.Count == take)
            {
                break;
            }
        }

        return entries;
    }

    private async Task<LedgerEntry> Entry(string accountId, long sequence, CancellationToken ct) =>
        ToEntry((await tables.Accounts.GetEntityAsync<TableEntity>(accountId, Keys.LedgerEntry(sequence), cancellationToken: ct)).Value);

    private static LedgerEntry ToEntry(TableEntity row) => new(
        row.GetInt64("Sequence")!.Value, row.GetInt64("AmountFen")!.Value, row.GetInt64("BalanceAfterFen")!.Value,
        row.GetString("Reason")!, row.GetString("Reference"), row.GetDateTimeOffset("At")!.Value);

    private static string Hash(Posting posting) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{posting.AmountFen}\n{posting.Reason}\n{posting.Reference}")));
}
