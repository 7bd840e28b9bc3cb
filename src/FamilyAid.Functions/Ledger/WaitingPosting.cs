using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Ledger;

/// <summary>A posting waiting for its account's group commit: how to make it from the book as the batch finds it (a quota
/// setting is numbered by the quota's changes) and the quota it needs read.</summary>
internal sealed class WaitingPosting(Func<AccountBook, Posting> make, string? quotaId) : GroupWaiter<PostingOutcome>
{
    public Func<AccountBook, Posting> Make { get; } = make;

    public string? QuotaId { get; } = quotaId;
}
