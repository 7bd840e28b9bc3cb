using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>An in-memory ledger that posts a leg the way the account store does: a key seen before replays the amount
/// it moved; a new key is applied by <see cref="AccountRules"/> and, unless refused, remembered (an up-to-balance debit
/// that found the account empty too, with no entry, so that its replay stays 0).</summary>
internal sealed class ModelLedger
{
    private readonly Dictionary<AccountId, ModelAccount> accounts = [];
    private readonly Dictionary<string, ModelPosted> byKey = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<AccountId, ModelAccount> Accounts => accounts;

    /// <summary>Every key taken, with the posting and the amount it moved.</summary>
    public IReadOnlyDictionary<string, ModelPosted> ByKey => byKey;

    public IEnumerable<ModelEntry> Entries => accounts.Values.SelectMany(a => a.Entries);

    public long TotalFen => accounts.Values.Sum(a => a.BalanceFen);

    public long TotalOpeningFen => accounts.Values.Sum(a => a.OpeningFen);

    public int Replays { get; private set; }

    public void Open(AccountId account, long openingFen) => accounts.Add(account, new ModelAccount(openingFen));

    public long BalanceOf(AccountId account) => accounts[account].BalanceFen;

    /// <summary>What the account's holder may spend: the balance less the quotas reserved in it.</summary>
    public long UnreservedOf(AccountId account) => accounts[account].BalanceFen - accounts[account].ReservedFen;

    public PostingResult Post(Leg leg)
    {
        var account = accounts.TryGetValue(leg.Account, out var found)
            ? found
            : throw new InvalidOperationException($"Leg {leg.Posting.Key} posts to {leg.Account}, which was never opened.");
        if (byKey.TryGetValue(leg.Posting.Key, out var seen))
        {
            // The store answers a key reused for another posting with a conflict; a saga must never cause one.
            Assert.Equal(seen.Account, leg.Account);
            Assert.Equal(seen.Posting, leg.Posting);
            Replays++;
            return new PostingResult(account.BalanceFen, seen.AppliedFen, null);
        }

        if (leg.Posting.Quota is { } quotaLeg)
        {
            return PostToQuota(account, leg, quotaLeg);
        }

        var result = QuotaRules.ApplyUnreserved(account.BalanceFen, account.ReservedFen, leg.Posting);
        if (result.Refusal is not null)
        {
            return result;
        }

        byKey.Add(leg.Posting.Key, new ModelPosted(leg.Account, leg.Posting, result.AppliedFen, account.BalanceFen - account.ReservedFen));
        if (result.AppliedFen != 0)
        {
            account.Entries.Add(new ModelEntry(leg.Posting.Key, result.AppliedFen, leg.Posting.Reason, leg.Posting.Reference));
            account.BalanceFen = result.BalanceAfterFen;
        }

        return result;
    }

    /// <summary>The quota <paramref name="relationshipId"/> holds in <paramref name="account"/>.</summary>
    public QuotaState QuotaOf(AccountId account, string relationshipId) =>
        accounts[account].Quotas.GetValueOrDefault(relationshipId, QuotaState.None);

    // A quota posting the way the store makes one: the balance, the reserved total and the quota row change together.
    private PostingResult PostToQuota(ModelAccount account, Leg leg, QuotaLeg quotaLeg)
    {
        var quota = account.Quotas.GetValueOrDefault(quotaLeg.RelationshipId, QuotaState.None);
        var result = QuotaRules.Apply(account.BalanceFen, account.ReservedFen, quota, leg.Posting);
        if (result.Refusal is { } refusal)
        {
            return PostingResult.Refused(account.BalanceFen, refusal);
        }

        if (result.ChangesNothing && quotaLeg.Operation == QuotaOperation.Set)
        {
            return new PostingResult(result.BalanceAfterFen, 0, null);
        }

        byKey.Add(leg.Posting.Key, new ModelPosted(leg.Account, leg.Posting, result.AppliedFen, quota.QuotaFen));
        if (!result.ChangesNothing)
        {
            account.Entries.Add(new ModelEntry(leg.Posting.Key, result.AppliedFen, leg.Posting.Reason, leg.Posting.Reference, result.ReservedChangeFen));
            account.BalanceFen = result.BalanceAfterFen;
            account.ReservedFen = result.ReservedAfterFen;
        }

        // A release of a quota never set still closes it, with no entry: nothing moved.
        account.Quotas[quotaLeg.RelationshipId] = result.QuotaAfter;

        return new PostingResult(result.BalanceAfterFen, result.AppliedFen, null);
    }
}

internal sealed class ModelAccount(long openingFen)
{
    public long OpeningFen { get; } = openingFen;

    public long BalanceFen { get; set; } = openingFen;

    /// <summary>The sum of the quotas the account holds for relatives.</summary>
    public long ReservedFen { get; set; }

    public Dictionary<string, QuotaState> Quotas { get; } = new(StringComparer.Ordinal);

    public List<ModelEntry> Entries { get; } = [];
}

/// <summary>A ledger entry: money that moved, or money reserved for a quota or released from one.</summary>
internal sealed record ModelEntry(string Key, long AmountFen, string Reason, string? Reference, long ReservedChangeFen = 0);

/// <summary>A taken key: the posting, what it moved, and the balance it found (the unreserved part, or for a quota
/// posting the quota).</summary>
internal sealed record ModelPosted(AccountId Account, Posting Posting, long AppliedFen, long BalanceBeforeFen);
