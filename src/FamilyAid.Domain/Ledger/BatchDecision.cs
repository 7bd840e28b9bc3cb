namespace FamilyAid.Domain.Ledger;

/// <summary>The entry a kept posting makes: its number, the signed amount moved, and the figures after it.</summary>
public sealed record BookEntry(long Sequence, long AmountFen, long BalanceAfterFen, long ReservedChangeFen, long ReservedAfterFen);

/// <summary>What a batch decided for one posting (made from the book as the postings before it left it).</summary>
/// <param name="AppliedFen">The signed amount moved (less than asked only for an up-to-balance debit).</param>
/// <param name="Entry">The entry made, when money or a reservation moved.</param>
/// <param name="Earlier">For <see cref="PostingStep.Repeated"/> and <see cref="PostingStep.Conflict"/>: the index of the
/// posting kept earlier under the same key; otherwise -1.</param>
public sealed record PostingDecision(Posting Posting, PostingStep Step, long AppliedFen, PostingRefusal? Refusal, BookEntry? Entry, int Earlier = -1);

/// <summary>What a batch of postings to one account decided, in order: the book after them, each posting's decision
/// (a prefix of the postings when the rest would not fit in one transaction), the quotas changed (as they end), and how
/// many rows the batch writes (0: nothing to commit).</summary>
public sealed record BatchDecision(AccountBook After, IReadOnlyList<PostingDecision> Decided, IReadOnlyDictionary<string, QuotaState> QuotasChanged, int Writes);
