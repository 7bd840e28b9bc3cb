namespace FamilyAid.Domain.Ledger;

/// <summary>What a batch of postings to one account decided for one of them.</summary>
public enum PostingStep
{
    /// <summary>The posting takes its key: its key row, its entry when money or a reservation moved, and its quota's
    /// change are written with the batch (a final refusal too, remembered as refused).</summary>
    Kept,

    /// <summary>Refused, and not remembered (not <see cref="Posting.Final"/>): nothing is written, so that it may be
    /// tried again once the money is there.</summary>
    Refused,

    /// <summary>A quota set to what it holds: nothing is written and no key is taken.</summary>
    Skipped,

    /// <summary>The same posting under the same key was kept earlier in the batch: it gets that answer, as a replay.</summary>
    Repeated,

    /// <summary>Another posting under the same key was kept earlier in the batch.</summary>
    Conflict,
}
