using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Ledger;

/// <summary>Account ledgers: per account (one partition) a balance row, its entries and its idempotency rows; a posting
/// changes all three in one entity-group transaction guarded by the balance row's ETag.</summary>
/// <remarks>Invariant, kept by construction and checked by tests: opening + sum of entries = balance, never negative.
/// A refused posting (insufficient balance) is not remembered under its key, so that a retry after a top-up may
/// succeed, unless it is <see cref="Posting.Final"/>.</remarks>
public sealed class AccountLedger(Tables tables, TimeProvider clock)
{
    // Postings to one account wait for each other and go together (group commit) rather than race for its ETag.
    private readonly (AccountBatch Batches, GroupCommit<WaitingPosting, PostingOutcome> Queues) ledger = Postings(tables, clock);

    /// <summary>What is reserved for quotas in <paramref name="accountId"/> as this instance last wrote it, or null when it
    /// has not (a hint: another instance may have changed it since).</summary>
    public long? KnownReservedFen(string accountId) => ledger.Batches.KnownReservedFen(accountId);

    /// <summary>Opens an account with its opening balance; does nothing if it exists.</summary>
    public async Task Open(string accountId, long openingFen, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(openingFen);
        try
        {
            var opened = new TableEntity(accountId, Keys.Balance)
            {
                ["OpeningFen"] = openingFen,
                ["BalanceFen"] = openingFen,
                ["Sequence"] = 0L,
            };
            ledger.Batches.Remember(opened, (await tables.Accounts.AddEntityAsync(opened, ct)).Headers.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Open already.
        }
    }

    /// <summary>The opening and current balance, or null for an account never opened.</summary>
    public async Task<(long OpeningFen, long BalanceFen)?> Balance(string accountId, CancellationToken ct) =>
        await BalanceRow(accountId, ct) is { } row ? (row.GetInt64("OpeningFen") ?? 0, row.GetInt64("BalanceFen") ?? 0) : null;

    /// <summary>Whether a posting under <paramref name="key"/> was made in <paramref name="accountId"/> (one read of its
    /// key row: cheaper than posting again to find out).</summary>
    public async Task<bool> Posted(string accountId, string key, CancellationToken ct) =>
        (await tables.Accounts.GetEntityIfExistsAsync<TableEntity>(accountId, Keys.PostingKey(key), select: ["PartitionKey"], cancellationToken: ct)).HasValue;

    /// <summary>Posts once per key: the first posting under a key makes an entry; a retry with the same body gets that
    /// entry again; the same key with another body is a conflict.</summary>
    /// <remarks>An ordinary posting sees only the unreserved balance (the balance less the quotas reserved in it); a
    /// quota posting (<see cref="Posting.Quota"/>) changes its quota row in the same transaction (<see cref="QuotaRules"/>).</remarks>
    public async Task<PostingOutcome> Post(string accountId, Posting posting, CancellationToken ct) =>
        (await ledger.Queues.Enqueue(accountId, [new WaitingPosting(_ => posting, posting.Quota?.RelationshipId)]))[0];

    /// <summary>Posts <paramref name="postings"/> to one account in order, together (in one transaction as far as they
    /// fit), each as <see cref="Post"/> would: a refused one refuses only itself.</summary>
    public Task<PostingOutcome[]> PostAll(string accountId, IReadOnlyList<Posting> postings, CancellationToken ct) =>
        ledger.Queues.Enqueue(accountId, [.. postings.Select(p => new WaitingPosting(_ => p, p.Quota?.RelationshipId))]);

    /// <summary>Sets the quota (共济额度) <paramref name="relationshipId"/> holds in <paramref name="accountId"/> to
    /// <paramref name="targetFen"/>: the difference is reserved from, or released to, the unreserved balance under a key
    /// numbered by the quota's changes; the same amount again changes nothing.</summary>
    public async Task<PostingOutcome> SetQuota(string accountId, string relationshipId, long targetFen, CancellationToken ct) =>
        (await ledger.Queues.Enqueue(accountId, [new WaitingPosting(
            book => QuotaPostings.Setting(new AccountId(accountId), relationshipId, book.QuotaOf(relationshipId), targetFen).Posting, relationshipId)]))[0];

    /// <summary>The quota <paramref name="relationshipId"/> holds in <paramref name="accountId"/> (none when never set).</summary>
    public async Task<QuotaState> Quota(string accountId, string relationshipId, CancellationToken ct) =>
        AccountBatch.ToQuota(await tables.Accounts.GetEntityIfExistsAsync<TableEntity>(accountId, Keys.Quota(relationshipId), cancellationToken: ct));

    /// <summary>The account's balance and the part of it reserved for quotas, or null for an account never opened.</summary>
    public async Task<(long BalanceFen, long ReservedFen)?> Holdings(string accountId, CancellationToken ct) =>
        await BalanceRow(accountId, ct) is { } row ? (row.GetInt64("BalanceFen") ?? 0, row.GetInt64("ReservedFen") ?? 0) : null;

    private async Task<TableEntity?> BalanceRow(string accountId, CancellationToken ct)
    {
        var found = await tables.Accounts.GetEntityIfExistsAsync<TableEntity>(accountId, Keys.Balance, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The account's entries, newest first, from just below <paramref name="beforeSequence"/> (all when null).</summary>
    public async Task<IReadOnlyList<LedgerEntry>> Entries(string accountId, int take, long? beforeSequence, CancellationToken ct)
    {
        // Entry keys count down, so "older than sequence n" is "row key above n's".
        var from = beforeSequence is { } before ? Keys.LedgerEntry(before) : Keys.LedgerEntryPrefix;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {accountId} and RowKey gt {from} and RowKey lt {Keys.PrefixEnd(Keys.LedgerEntryPrefix)}");
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

    /// <summary>The account's entries, newest first.</summary>
    public Task<IReadOnlyList<LedgerEntry>> Entries(string accountId, int take, CancellationToken ct) => Entries(accountId, take, null, ct);

    /// <summary>An entry row as a statement line.</summary>
    internal static LedgerEntry ToEntry(TableEntity row) => new(
        row.GetInt64("Sequence")!.Value, row.GetInt64("AmountFen")!.Value, row.GetInt64("BalanceAfterFen")!.Value,
        row.GetString("Reason")!, row.GetString("Reference"), row.GetDateTimeOffset("At")!.Value,
        row.GetInt64("ReservedChangeFen") ?? 0, row.GetInt64("ReservedAfterFen") ?? 0);

    // Group commit (DECISIONS 27): postings waiting for one account go together, as many as one transaction holds.
    private static (AccountBatch, GroupCommit<WaitingPosting, PostingOutcome>) Postings(Tables tables, TimeProvider clock)
    {
        var batches = new AccountBatch(tables, clock);
        return (batches, new GroupCommit<WaitingPosting, PostingOutcome>(queue => queue[..Math.Min(queue.Count, PartitionWrites.MaxBatch)], batches.Commit));
    }
}
