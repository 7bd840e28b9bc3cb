namespace FamilyAid.Domain.Ledger;

/// <summary>The postings that change quotas (共济额度) and pay premiums (代缴), each under a key that makes it happen
/// at most once: a setting is numbered by the quota's changes, a release is one per relationship, a premium one per
/// person, scheme and year.</summary>
public static class QuotaPostings
{
    /// <summary>Sets the quota <paramref name="relationshipId"/> holds in the sharer's <paramref name="account"/> to
    /// <paramref name="targetFen"/>; <paramref name="current"/> is the quota as read, whose change count numbers the key.</summary>
    public static Leg Setting(AccountId account, string relationshipId, QuotaState current, long targetFen) =>
        new("quota-set", account, new Posting(
            $"{relationshipId}/quota/{current.Changes + 1}", targetFen, "quota-set", relationshipId,
            Quota: new QuotaLeg(relationshipId, QuotaOperation.Set)));

    /// <summary>Releases what is left of the quota when its relationship ends, and closes it.</summary>
    public static Leg Release(AccountId account, string relationshipId) =>
        new("quota-release", account, new Posting(
            $"{relationshipId}/quota-release", 0, "quota-released", relationshipId, Quota: new QuotaLeg(relationshipId, QuotaOperation.Close)));

    /// <summary>The key that lets a premium be paid once per person, scheme and year.</summary>
    public static string PremiumKey(string personId, string scheme, int year) => $"premium/{personId}/{scheme}/{year}";

    /// <summary>Pays <paramref name="amountFen"/> of <paramref name="personId"/>'s premium from the sharer's
    /// <paramref name="account"/>: from the relative's quota when it holds one (open and not empty), else from the
    /// sharer's unreserved balance; never partly (refused when short).</summary>
    public static Leg Premium(AccountId account, string relationshipId, string personId, string scheme, int year, long amountFen, QuotaState quota)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountFen);
        var fromQuota = quota is { Closed: false, QuotaFen: > 0 };
        return new("premium", account, new Posting(
            PremiumKey(personId, scheme, year), -amountFen, "premium", relationshipId,
            Quota: fromQuota ? new QuotaLeg(relationshipId, QuotaOperation.Spend) : null));
    }
}
