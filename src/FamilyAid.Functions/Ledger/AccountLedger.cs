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
/// A refused posting (insufficient balance) is not remembered under its key, so that a retry after a top-up may
/// succeed, unless it is <see cref="Posting.Final"/>.</remarks>
public sealed class AccountLedger(Tables tables, TimeProvider clock)
{
    // Postings to one account queue here rather than race for its ETag: without this, n concurrent postings in one
    // instance cost n² reads and failed transactions. Striped so that memory stays fixed; two accounts sharing a gate
    // only wait for each other. The ETag stays the guarantee across instances.
    private readonly SemaphoreSlim[] gates = [.. Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1))];

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

    /// <summary>Whether a posting under <paramref name="key"/> was made in <paramref name="accountId"/> (one read of its
    /// key row: cheaper than posting again to find out).</summary>
    public async Task<bool> Posted(string accountId, string key, CancellationToken ct) =>
        (await tables.Accounts.GetEntityIfExistsAsync<TableEntity>(accountId, Keys.PostingKey(key), select: ["PartitionKey"], cancellationToken: ct)).HasValue;

    /// <summary>Posts once per key: the first posting under a key makes an entry; a retry with the same body gets that
    /// entry again; the same key with another body is a conflict.</summary>
    /// <remarks>An ordinary posting sees only the unreserved balance (the balance less the quotas reserved in it); a
    /// quota posting (<see cref="Posting.Quota"/>) changes its quota row in the same transaction (<see cref="QuotaRules"/>).</remarks>
    public Task<PostingOutcome> Post(string accountId, Posting posting, CancellationToken ct) =>
        Gated(accountId, () => PostAlone(accountId, _ => posting, posting.Quota?.RelationshipId, ct), ct);

    /// <summary>Sets the quota (共济额度) <paramref name="relationshipId"/> holds in <paramref name="accountId"/> to
    /// <paramref name="targetFen"/>: the difference is reserved from, or released to, the unreserved balance under a key
    /// numbered by the quota's changes; the same amount again changes nothing.</summary>
    public Task<PostingOutcome> SetQuota(string accountId, string relationshipId, long targetFen, CancellationToken ct) =>
        Gated(accountId, () => PostAlone(
            accountId, quota => QuotaPostings.Setting(new AccountId(accountId), relationshipId, quota, targetFen).Posting, relationshipId, ct), ct);

    /// <summary>The quota <paramref name="relationshipId"/> holds in <paramref name="accountId"/> (none when never set).</summary>
    public async Task<QuotaState> Quota(string accountId, string relationshipId, CancellationToken ct) =>
        ToQuota(await tables.Accounts.GetEntityIfExistsAsync<TableEntity>(accountId, Keys.Quota(relationshipId), cancellationToken: ct));

    /// <summary>The account's balance and the part of it reserved for quotas, or null for an account never opened.</summary>
    public async Task<(long BalanceFen, long ReservedFen)?> Holdings(string accountId, CancellationToken ct)
    {
        var found = await tables.Accounts.GetEntityIfExistsAsync<TableEntity>(accountId, Keys.Balance, cancellationToken: ct);
        return found.HasValue ? (found.Value!.GetInt64("BalanceFen") ?? 0, found.Value.GetInt64("ReservedFen") ?? 0) : null;
    }

    private async Task<PostingOutcome> Gated(string accountId, Func<Task<PostingOutcome>> post, CancellationToken ct)
    {
        var gate = gates[(int)((uint)StringComparer.Ordinal.GetHashCode(accountId) % (uint)gates.Length)];
        await gate.WaitAsync(ct);
        try
        {
            return await post();
        }
        finally
        {
            gate.Release();
        }
    }

    // What a posting decided against the rows it read: the balance row's new figures and, for a quota posting, the quota
    // row's; Skip: nothing to write at all (a quota set to what it holds).
    private sealed record Decided(long BalanceAfterFen, long ReservedAfterFen, long AppliedFen, long ReservedChangeFen, PostingRefusal? Refusal, QuotaState? Quota, bool Skip);

    // A lost race for the balance row (another instance posted first) is read and decided again (Optimistic). The key
    // row is this path's commit id: a transaction applied under a lost answer conflicts on it and replays.
    private Task<PostingOutcome> PostAlone(string accountId, Func<QuotaState, Posting> make, string? quotaId, CancellationToken ct) =>
        Optimistic.Retry<PostingOutcome>($"Account {accountId}", async _ =>
        {
            var found = await tables.Accounts.GetEntityIfExistsAsync<TableEntity>(accountId, Keys.Balance, cancellationToken: ct);
            var balance = found.HasValue ? found.Value! : throw new AccountNotOpenException(accountId);
            var quota = quotaId is null ? null : await Quota(accountId, quotaId, ct);
            var posting = make(quota ?? QuotaState.None);
            var (keyRow, requestHash) = (Keys.PostingKey(posting.Key), Hash(posting));
            var result = Decide(balance, quota, posting);
            if (result.Skip)
            {
                return new PostingOutcome(null, 0, null, Replayed: false, Conflict: false);
            }

            if (result.Refusal is not null && !posting.Final)
            {
                // A retry of a posting that succeeded before must get its answer, not a refusal on today's balance.
                return await Replay(accountId, keyRow, requestHash, ct)
                    ?? new PostingOutcome(null, 0, result.Refusal, Replayed: false, Conflict: false);
            }

            var (actions, entry) = Actions(accountId, balance, posting, result, keyRow, requestHash);
            try
            {
                await tables.Accounts.SubmitTransactionAsync(actions, ct);
                return new PostingOutcome(entry, result.AppliedFen, result.Refusal, Replayed: false, Conflict: false);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // The balance row comes first in the transaction, so its ETag held: it is the key that was taken. A
                // key row can only be added with its entry, so it is there to read.
                return await Replay(accountId, keyRow, requestHash, ct)
                    ?? throw new InvalidOperationException($"Posting key row missing after a conflict on account {accountId}.", e);
            }
            catch (TableTransactionFailedException e) when (e.Status == 412)
            {
                // Another instance moved the balance first.
                return Optimistic.Lost;
            }
        }, ct);

    private static Decided Decide(TableEntity balance, QuotaState? quota, Posting posting)
    {
        var (balanceFen, reservedFen) = (balance.GetInt64("BalanceFen") ?? 0, balance.GetInt64("ReservedFen") ?? 0);
        if (quota is null)
        {
            var result = QuotaRules.ApplyUnreserved(balanceFen, reservedFen, posting);
            return new(result.BalanceAfterFen, reservedFen, result.AppliedFen, 0, result.Refusal, null, Skip: false);
        }

        var moved = QuotaRules.Apply(balanceFen, reservedFen, quota, posting);
        // A setting to the amount held takes no key, so that the next real one is numbered as if it had not been asked.
        var skip = moved.ChangesNothing && posting.Quota!.Operation == QuotaOperation.Set;
        return new(moved.BalanceAfterFen, moved.ReservedAfterFen, moved.AppliedFen, moved.ReservedChangeFen, moved.Refusal,
            moved.Refusal is null && moved.QuotaAfter != quota ? moved.QuotaAfter : null, skip);
    }

    // The balance row (under its ETag), the entry when money or a reservation moved, the quota row it changed, the key row.
    private (List<TableTransactionAction> Actions, LedgerEntry? Entry) Actions(
        string accountId, TableEntity balance, Posting posting, Decided result, string keyRow, string requestHash)
    {
        var actions = new List<TableTransactionAction>(4);
        LedgerEntry? entry = null;
        if (result.AppliedFen == 0 && result.ReservedChangeFen == 0)
        {
            // Nothing moves, but the key is taken under the balance's ETag: a replay must not debit money that
            // arrived later (nor post what was refused before, for a final refusal).
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(accountId, Keys.Balance), balance.ETag));
        }
        else
        {
            entry = new LedgerEntry(
                (balance.GetInt64("Sequence") ?? 0) + 1, result.AppliedFen, result.BalanceAfterFen, posting.Reason, posting.Reference, clock.GetUtcNow(),
                result.ReservedChangeFen, result.ReservedAfterFen);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(accountId, Keys.Balance)
            {
                ["BalanceFen"] = entry.BalanceAfterFen,
                ["ReservedFen"] = result.ReservedAfterFen,
                ["Sequence"] = entry.Sequence,
            }, balance.ETag));
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(accountId, Keys.LedgerEntry(entry.Sequence))
            {
                ["Sequence"] = entry.Sequence,
                ["AmountFen"] = entry.AmountFen,
                ["BalanceAfterFen"] = entry.BalanceAfterFen,
                ["Reason"] = entry.Reason,
                ["Reference"] = entry.Reference,
                ["At"] = entry.At,
                ["PostingKey"] = keyRow,
                ["ReservedChangeFen"] = entry.ReservedChangeFen,
                ["ReservedAfterFen"] = entry.ReservedAfterFen,
                ["Quota"] = posting.Quota?.RelationshipId,
            }));
        }

        if (result.Quota is { } quota)
        {
            // Guarded by the balance row's ETag in the same transaction: every change of a quota goes through it.
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(accountId, Keys.Quota(posting.Quota!.RelationshipId))
            {
                ["QuotaFen"] = quota.QuotaFen,
                ["Closed"] = quota.Closed,
                ["Changes"] = quota.Changes,
            }));
        }

        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(accountId, keyRow)
        {
            ["RequestHash"] = requestHash,
            ["Sequence"] = entry?.Sequence ?? 0L,
            ["AppliedFen"] = result.AppliedFen,
            ["Refusal"] = result.Refusal?.ToString(),
        }));
        return (actions, entry);
    }

    private static QuotaState ToQuota(NullableResponse<TableEntity> row) => row.HasValue
        ? new QuotaState(row.Value!.GetInt64("QuotaFen") ?? 0, row.Value.GetBoolean("Closed") ?? false, row.Value.GetInt64("Changes") ?? 0)
        : QuotaState.None;

    /// <summary>The answer a posting under this key got before, or null when the key is new.</summary>
    private async Task<PostingOutcome?> Replay(string accountId, string keyRow, string requestHash, CancellationToken ct)
    {
        var found = await tables.Accounts.GetEntityIfExistsAsync<TableEntity>(accountId, keyRow, cancellationToken: ct);
        if (!found.HasValue)
        {
            return null;
        }

        var seen = found.Value!;
        if (seen.GetString("RequestHash") != requestHash)
        {
            return new PostingOutcome(null, 0, null, Replayed: false, Conflict: true);
        }

        var sequence = seen.GetInt64("Sequence")!.Value;
        // Sequence 0: an up-to-balance debit that found the account empty, or a final refusal, remembered as such.
        if (sequence == 0)
        {
            var refusal = seen.GetString("Refusal") is { } name ? Enum.Parse<PostingRefusal>(name) : (PostingRefusal?)null;
            return new PostingOutcome(null, 0, refusal, Replayed: true, Conflict: false);
        }

        var entry = await Entry(accountId, sequence, ct);
        return new PostingOutcome(entry, seen.GetInt64("AppliedFen") ?? entry.AmountFen, null, Replayed: true, Conflict: false);
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

    private async Task<LedgerEntry> Entry(string accountId, long sequence, CancellationToken ct) =>
        ToEntry((await tables.Accounts.GetEntityAsync<TableEntity>(accountId, Keys.LedgerEntry(sequence), cancellationToken: ct)).Value);

    private static LedgerEntry ToEntry(TableEntity row) => new(
        row.GetInt64("Sequence")!.Value, row.GetInt64("AmountFen")!.Value, row.GetInt64("BalanceAfterFen")!.Value,
        row.GetString("Reason")!, row.GetString("Reference"), row.GetDateTimeOffset("At")!.Value,
        row.GetInt64("ReservedChangeFen") ?? 0, row.GetInt64("ReservedAfterFen") ?? 0);

    // A quota posting's quota is part of its body (an older posting's hash stays as it was).
    private static string Hash(Posting posting) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{posting.AmountFen}\n{posting.Reason}\n{posting.Reference}\n{posting.UpToBalance}{(posting.Final ? "\nfinal" : "")}"
            + (posting.Quota is { } quota ? $"\n{quota.RelationshipId}/{quota.Operation}" : ""))));
}
