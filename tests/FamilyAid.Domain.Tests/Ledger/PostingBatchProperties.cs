using CsCheck;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>Group commit decides what posting one by one would have: the same answer for every posting, the same book at
/// the end, within one transaction's rows.</summary>
public sealed class PostingBatchProperties
{
    private static readonly string[] Relationships = ["r1", "r2", "r3"];

    // A sharer's account: a balance, part of it reserved for two open quotas; a third quota closed.
    private static readonly Gen<AccountBook> Book = Gen.Select(Gen.Long[0, 100_000], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Long[0, 50], (balance, reserve, split, sequence) =>
    {
        var reserved = (long)(balance * reserve);
        var first = (long)(reserved * split);
        return new AccountBook(balance, reserved, sequence)
            .WithQuota("r1", new QuotaState(first, false, 1))
            .WithQuota("r2", new QuotaState(reserved - first, false, 2))
            .WithQuota("r3", new QuotaState(0, true, 3));
    });

    private static readonly Gen<QuotaLeg?> Quota = Gen.Frequency(
        (3, Gen.Const((QuotaLeg?)null)),
        (2, Gen.Select(Gen.OneOf(Relationships), Gen.Enum<QuotaOperation>(), (r, op) => (QuotaLeg?)new QuotaLeg(r, op))));

    // Few keys, so that a batch often holds one twice (a retry, or another posting reusing it).
    private static readonly Gen<Posting> Posting = Gen.Select(Gen.Int[0, 7], Gen.Long[-40_000, 40_000], Gen.Bool, Gen.Bool, Quota, (key, amount, upTo, final, quota) =>
        new Posting($"k{key}", quota?.Operation switch
        {
            QuotaOperation.Set or QuotaOperation.Restore => Math.Abs(amount),
            QuotaOperation.Spend => -Math.Abs(amount),
            QuotaOperation.Close => 0,
            _ => amount,
        }, "reason", null, upTo, final, quota));

    [Fact]
    public void A_batch_decides_every_posting_as_posting_them_one_by_one_in_order_would()
    {
        Gen.Select(Book, Posting.Array[1, 40]).Sample((book, postings) =>
        {
            // Given an account and postings arriving together
            // When they are decided as one batch, and one by one as the ledger posted before group commit
            var batch = PostingBatch.Decide(book, postings);
            var (oneByOne, after) = OneByOne.Post(book, postings);

            // Then every posting gets the same answer and the account ends the same
            Assert.Equal(postings.Length, batch.Decided.Count);
            Assert.Equal(oneByOne, batch.Decided.Select(d => (d.Step, d.AppliedFen, d.Refusal, d.Entry)));
            Assert.Equal((after.BalanceFen, after.ReservedFen, after.Sequence), (batch.After.BalanceFen, batch.After.ReservedFen, batch.After.Sequence));
            Assert.Equal(after.Quotas.OrderBy(q => q.Key), batch.After.Quotas.OrderBy(q => q.Key));
        });
    }

    [Fact]
    public void A_batch_never_overdraws_and_its_entries_add_up_to_the_balance_it_leaves()
    {
        Gen.Select(Book, Posting.Array[1, 40]).Sample((book, postings) =>
        {
            // Given an account and postings arriving together
            // When they are decided as one batch
            var batch = PostingBatch.Decide(book, postings);

            // Then nothing reserved is spent by the sharer, entries follow each other and add up, and the rows counted are the rows written
            var entries = batch.Decided.Where(d => d.Step == PostingStep.Kept && d.Entry is not null).Select(d => d.Entry!).ToList();
            Assert.True(batch.After.BalanceFen - batch.After.ReservedFen >= 0);
            Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => book.Sequence + i), entries.Select(e => e.Sequence));
            Assert.Equal(book.BalanceFen + entries.Sum(e => e.AmountFen), batch.After.BalanceFen);
            Assert.Equal(book.ReservedFen + entries.Sum(e => e.ReservedChangeFen), batch.After.ReservedFen);
            Assert.Equal(batch.After.Quotas.Values.Where(q => !q.Closed).Sum(q => q.QuotaFen), batch.After.ReservedFen);
            var kept = batch.Decided.Count(d => d.Step == PostingStep.Kept);
            Assert.Equal((kept > 0 ? 1 : 0) + kept + entries.Count + batch.QuotasChanged.Count, batch.Writes);
        });
    }

    [Fact]
    public void A_batch_that_would_not_fit_decides_the_longest_prefix_that_does()
    {
        Gen.Select(Book, Posting.Array[1, 40], Gen.Int[4, 30]).Sample((book, postings, maxWrites) =>
        {
            // Given postings arriving together, and a limit on the rows of one transaction
            // When they are decided as one batch under that limit
            var batch = PostingBatch.Decide(book, postings, maxWrites);
            var n = batch.Decided.Count;

            // Then the batch is the decision of its first n postings, within the limit, and one posting more would not fit
            Assert.InRange(n, 1, postings.Length);
            Assert.True(batch.Writes <= maxWrites);
            var prefix = PostingBatch.Decide(book, postings[..n]);
            Assert.Equal(prefix.Decided, batch.Decided);
            Assert.Equal(prefix.Writes, batch.Writes);
            if (n < postings.Length)
            {
                Assert.True(PostingBatch.Decide(book, postings[..(n + 1)]).Writes > maxWrites);
            }
        });
    }

    /// <summary>The ledger as it posted before group commit, one posting per transaction (AccountLedger's decision then):
    /// a key kept before replays (or conflicts); a refusal that is not final is not kept; a quota set to what it holds
    /// takes no key.</summary>
    private static class OneByOne
    {
        public static (List<(PostingStep, long, PostingRefusal?, BookEntry?)> Answers, AccountBook After) Post(AccountBook book, IEnumerable<Posting> postings)
        {
            var kept = new Dictionary<string, (Posting Posting, long Applied, PostingRefusal? Refusal, BookEntry? Entry)>(StringComparer.Ordinal);
            var answers = new List<(PostingStep, long, PostingRefusal?, BookEntry?)>();
            foreach (var posting in postings)
            {
                if (kept.TryGetValue(posting.Key, out var seen))
                {
                    answers.Add(seen.Posting == posting ? (PostingStep.Repeated, seen.Applied, seen.Refusal, seen.Entry) : (PostingStep.Conflict, 0, null, null));
                    continue;
                }

                long balance, reserved, applied, reservedChange;
                PostingRefusal? refusal;
                var quota = posting.Quota is { } leg ? book.QuotaOf(leg.RelationshipId) : null;
                if (quota is null)
                {
                    var r = QuotaRules.ApplyUnreserved(book.BalanceFen, book.ReservedFen, posting);
                    (balance, reserved, applied, reservedChange, refusal) = (r.BalanceAfterFen, book.ReservedFen, r.AppliedFen, 0, r.Refusal);
                }
                else
                {
                    var q = QuotaRules.Apply(book.BalanceFen, book.ReservedFen, quota, posting);
                    if (q.ChangesNothing && posting.Quota!.Operation == QuotaOperation.Set)
                    {
                        answers.Add((PostingStep.Skipped, 0, null, null));
                        continue;
                    }

                    (balance, reserved, applied, reservedChange, refusal) = (q.BalanceAfterFen, q.ReservedAfterFen, q.AppliedFen, q.ReservedChangeFen, q.Refusal);
                    if (refusal is null)
                    {
                        book = book.WithQuota(posting.Quota!.RelationshipId, q.QuotaAfter);
                    }
                }

                if (refusal is not null && !posting.Final)
                {
                    answers.Add((PostingStep.Refused, 0, refusal, null));
                    continue;
                }

                var entry = applied == 0 && reservedChange == 0 ? null : new BookEntry(book.Sequence + 1, applied, balance, reservedChange, reserved);
                kept[posting.Key] = (posting, applied, refusal, entry);
                answers.Add((PostingStep.Kept, applied, refusal, entry));
                book = book with { BalanceFen = balance, ReservedFen = reserved, Sequence = entry?.Sequence ?? book.Sequence };
            }

            return (answers, book);
        }
    }
}
