namespace FamilyAid.Domain.Ledger;

/// <summary>Group commit (TigerBeetle's batching): postings to one account decided together, in order, each against the
/// book the postings before it left, so that a batch decides exactly what posting them one by one would have; one
/// refused posting refuses only itself.</summary>
public static class PostingBatch
{
    /// <summary>The rows one entity-group transaction may write (Azure Table storage's limit).</summary>
    public const int MaxWrites = 100;

    /// <summary>Decides <paramref name="postings"/> in order against <paramref name="book"/>.</summary>
    public static BatchDecision Decide(AccountBook book, IReadOnlyList<Posting> postings, int maxWrites = MaxWrites) =>
        Decide(book, [.. postings.Select(p => (Func<AccountBook, Posting>)(_ => p))], maxWrites);

    /// <summary>Decides in order the postings <paramref name="make"/> makes, each from the book as the ones before it left
    /// it (a quota setting's key is numbered by the quota's changes); stops before the first posting whose rows would
    /// take the batch over <paramref name="maxWrites"/>.</summary>
    public static BatchDecision Decide(AccountBook book, IReadOnlyList<Func<AccountBook, Posting>> make, int maxWrites = MaxWrites)
    {
        // One posting writes at most 4 rows: the balance, its entry, its quota, its key.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWrites, 4);
        var decided = new List<PostingDecision>(make.Count);
        var kept = new Dictionary<string, int>(StringComparer.Ordinal);
        var quotas = new Dictionary<string, QuotaState>(StringComparer.Ordinal);
        var writes = 0;
        foreach (var next in make)
        {
            var posting = next(book);
            if (kept.TryGetValue(posting.Key, out var earlier))
            {
                decided.Add(decided[earlier].Posting == posting
                    ? decided[earlier] with { Step = PostingStep.Repeated, Earlier = earlier }
                    : new PostingDecision(posting, PostingStep.Conflict, 0, null, null, earlier));
                continue;
            }

            var (decision, after) = One(book, posting);
            if (decision.Step == PostingStep.Kept)
            {
                var quotaId = posting.Quota?.RelationshipId;
                var newQuotaRow = quotaId is not null && after.QuotaOf(quotaId) != book.QuotaOf(quotaId) && !quotas.ContainsKey(quotaId);
                var cost = (writes == 0 ? 1 : 0) + 1 + (decision.Entry is null ? 0 : 1) + (newQuotaRow ? 1 : 0);
                if (writes + cost > maxWrites)
                {
                    break;
                }

                writes += cost;
                kept[posting.Key] = decided.Count;
                if (quotaId is not null && after.QuotaOf(quotaId) != book.QuotaOf(quotaId))
                {
                    quotas[quotaId] = after.QuotaOf(quotaId);
                }
            }

            decided.Add(decision);
            book = after;
        }

        return new BatchDecision(book, decided, quotas, writes);
    }

    // One posting against the book: an ordinary one sees the unreserved balance, a quota posting moves its quota too.
    private static (PostingDecision Decision, AccountBook After) One(AccountBook book, Posting posting)
    {
        long balanceAfter, reservedAfter, applied, reservedChange;
        PostingRefusal? refusal;
        var quotas = book.Quotas;
        if (posting.Quota is not { } leg)
        {
            var result = QuotaRules.ApplyUnreserved(book.BalanceFen, book.ReservedFen, posting);
            (balanceAfter, reservedAfter, applied, reservedChange, refusal) = (result.BalanceAfterFen, book.ReservedFen, result.AppliedFen, 0, result.Refusal);
        }
        else
        {
            var quota = book.QuotaOf(leg.RelationshipId);
            var moved = QuotaRules.Apply(book.BalanceFen, book.ReservedFen, quota, posting);
            if (moved.ChangesNothing && leg.Operation == QuotaOperation.Set)
            {
                // A setting to the amount held takes no key, so that the next real one is numbered as if it had not been asked.
                return (new PostingDecision(posting, PostingStep.Skipped, 0, null, null), book);
            }

            (balanceAfter, reservedAfter, applied, reservedChange, refusal) = (moved.BalanceAfterFen, moved.ReservedAfterFen, moved.AppliedFen, moved.ReservedChangeFen, moved.Refusal);
            if (moved.Refusal is null && moved.QuotaAfter != quota)
            {
                quotas = quotas.SetItem(leg.RelationshipId, moved.QuotaAfter);
            }
        }

        if (refusal is not null && !posting.Final)
        {
            return (new PostingDecision(posting, PostingStep.Refused, 0, refusal, null), book);
        }

        // Nothing moved (a final refusal, an up-to-balance debit of an empty account, a close of a closed quota): the key
        // is taken all the same, with no entry.
        var entry = applied == 0 && reservedChange == 0
            ? null
            : new BookEntry(book.Sequence + 1, applied, balanceAfter, reservedChange, reservedAfter);
        return (new PostingDecision(posting, PostingStep.Kept, applied, refusal, entry),
            new AccountBook(balanceAfter, reservedAfter, entry?.Sequence ?? book.Sequence, quotas));
    }
}
