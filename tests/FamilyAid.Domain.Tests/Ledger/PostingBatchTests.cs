using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>Group commit: a batch of postings to one account, decided in order, each with its own answer.</summary>
public sealed class PostingBatchTests
{
    private static Posting Debit(string key, long fen) => new(key, -fen, "outpatient", key);

    [Fact]
    public void A_refused_posting_in_a_batch_refuses_only_itself()
    {
        // Given an account holding 100 yuan
        var book = new AccountBook(10_000, 0, 7);

        // When a batch debits 30 yuan, 200 yuan (more than is there), then 50 yuan
        var decision = PostingBatch.Decide(book, [Debit("a", 3_000), Debit("b", 20_000), Debit("c", 5_000)]);

        // Then only the second is refused; the others make entries 8 and 9 against the balance the ones before left
        Assert.Equal([PostingStep.Kept, PostingStep.Refused, PostingStep.Kept], decision.Decided.Select(d => d.Step));
        Assert.Equal(PostingRefusal.InsufficientBalance, decision.Decided[1].Refusal);
        Assert.Equal(new BookEntry(8, -3_000, 7_000, 0, 0), decision.Decided[0].Entry);
        Assert.Equal(new BookEntry(9, -5_000, 2_000, 0, 0), decision.Decided[2].Entry);
        Assert.Equal(new AccountBook(2_000, 0, 9).BalanceFen, decision.After.BalanceFen);
        Assert.Equal(9, decision.After.Sequence);

        // And the transaction writes the balance row, two entries and two key rows (nothing for the refused one)
        Assert.Equal(5, decision.Writes);
    }

    [Fact]
    public void A_key_kept_earlier_in_the_batch_repeats_its_answer_for_the_same_posting_and_conflicts_for_another()
    {
        // Given an account holding 100 yuan
        var book = new AccountBook(10_000, 0, 0);

        // When one posting arrives twice in a batch, and a third posting reuses its key with another amount
        var decision = PostingBatch.Decide(book, [Debit("a", 1_000), Debit("a", 1_000), Debit("a", 2_000)]);

        // Then it is debited once; the repeat gets its answer, the other posting a conflict
        Assert.Equal([PostingStep.Kept, PostingStep.Repeated, PostingStep.Conflict], decision.Decided.Select(d => d.Step));
        Assert.Equal(decision.Decided[0].Entry, decision.Decided[1].Entry);
        Assert.Equal(0, decision.Decided[1].Earlier);
        Assert.Equal(9_000, decision.After.BalanceFen);
        Assert.Equal(3, decision.Writes);
    }

    [Fact]
    public void A_refused_key_is_free_again_later_in_the_batch()
    {
        // Given an empty account
        var book = new AccountBook(0, 0, 0);

        // When a debit is refused, a credit arrives, and the same debit comes again in the same batch
        var decision = PostingBatch.Decide(book, [Debit("a", 500), new Posting("top-up", 1_000, "transfer-in", null), Debit("a", 500)]);

        // Then the refusal was not remembered: the second try goes through
        Assert.Equal([PostingStep.Refused, PostingStep.Kept, PostingStep.Kept], decision.Decided.Select(d => d.Step));
        Assert.Equal(500, decision.After.BalanceFen);
    }

    [Fact]
    public void A_sharers_spending_sees_only_the_unreserved_balance_while_a_quota_spending_in_the_same_batch_sees_its_quota()
    {
        // Given a sharer's account of 100 yuan, 80 of them reserved for a relative's quota
        var book = new AccountBook(10_000, 8_000, 0).WithQuota("r1", new QuotaState(8_000, false, 1));

        // When one batch holds the sharer's debit of 30 yuan and the relative's spending of 50 yuan from the quota
        var decision = PostingBatch.Decide(book,
        [
            Debit("own", 3_000),
            new Posting("rel", -5_000, "outpatient", "r1", Quota: new QuotaLeg("r1", QuotaOperation.Spend)),
        ]);

        // Then the sharer is refused (only 20 yuan are unreserved) and the relative's spending comes from the quota
        Assert.Equal([PostingStep.Refused, PostingStep.Kept], decision.Decided.Select(d => d.Step));
        Assert.Equal(new QuotaState(3_000, false, 1), decision.QuotasChanged["r1"]);
        Assert.Equal((5_000L, 3_000L), (decision.After.BalanceFen, decision.After.ReservedFen));
    }

    [Fact]
    public void Two_settings_of_one_quota_in_a_batch_are_numbered_one_after_the_other()
    {
        // Given a sharer's account of 100 yuan whose quota for a relative was set once
        var account = AccountId.Personal("sharer");
        var book = new AccountBook(10_000, 1_000, 1).WithQuota("r1", new QuotaState(1_000, false, 1));
        Func<AccountBook, Posting> SetTo(long fen) => b => QuotaPostings.Setting(account, "r1", b.QuotaOf("r1"), fen).Posting;

        // When one batch sets it to 20 yuan, to 20 yuan again, then to 50 yuan
        var decision = PostingBatch.Decide(book, [SetTo(2_000), SetTo(2_000), SetTo(5_000)]);

        // Then the settings take keys 2 and 3 (the repeat, made as key 3, takes none), and the quota row is written once, as it ends
        Assert.Equal([PostingStep.Kept, PostingStep.Skipped, PostingStep.Kept], decision.Decided.Select(d => d.Step));
        Assert.Equal(["r1/quota/2", "r1/quota/3", "r1/quota/3"], decision.Decided.Select(d => d.Posting.Key));
        Assert.Equal(new QuotaState(5_000, false, 3), Assert.Single(decision.QuotasChanged).Value);
        Assert.Equal(1 + 2 + 2 + 1, decision.Writes);
    }

    [Fact]
    public void A_batch_stops_before_the_posting_that_would_take_it_over_the_transaction_limit()
    {
        // Given an account with money enough for everything
        var book = new AccountBook(1_000_000, 0, 0);

        // When 60 debits come at once (2 rows each, and the balance row)
        var decision = PostingBatch.Decide(book, [.. Enumerable.Range(0, 60).Select(i => Debit($"k{i}", 10))]);

        // Then the first 49 are decided (99 rows); the rest wait for the next transaction
        Assert.Equal(49, decision.Decided.Count);
        Assert.Equal(99, decision.Writes);
    }
}

/// <summary>Books for the batch tests.</summary>
internal static class Books
{
    public static AccountBook WithQuota(this AccountBook book, string relationshipId, QuotaState quota) =>
        book with { Quotas = book.Quotas.SetItem(relationshipId, quota) };
}
