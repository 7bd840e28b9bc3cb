using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Insurance;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Ledger;

/// <summary>The relationship a payment code was bound to, as the settlement sees it when it is paid.</summary>
/// <param name="Funding">The funding mode of the relationship's region.</param>
/// <param name="HasQuota">Whether the sharer holds a quota (共济额度) for the member: only then does the plan spend it.</param>
public sealed record PayingRelationship(string Id, string AuthorizerId, string MemberId, BindingKind Kind, FundingMode Funding, bool HasQuota = true)
{
    /// <summary>Sharing across provinces (跨省共济): the relative spends only the quota the sharer reserved, never the
    /// sharer's account or a pool beyond it.</summary>
    public bool QuotaOnly { get; init; }
}

/// <summary>Plans settlements: which accounts may pay whose bill.</summary>
public static class Payer
{
    /// <summary>Plans a bill paid with <paramref name="payer"/>'s code, or says why it may not be paid from accounts.</summary>
    /// <param name="relationship">The code's relationship; null when the code has none, or when it has ended (then
    /// the code no longer works at all and the caller answers <see cref="SettlementRefusal.InvalidPaymentCode"/>).</param>
    /// <param name="policy">The version of the payer's region in force: what accounts may pay for.</param>
    public static (SettlementPlan? Plan, SettlementRefusal? Refusal) Plan(
        string settlementId, string institutionId, InsuredPerson payer, PayingRelationship? relationship, RegionPolicy policy,
        SpendingCategory category, long billFen)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(billFen);
        if (!policy.Covers(category))
        {
            return (null, SettlementRefusal.CategoryNotCovered);
        }

        // Only an employee-insured person has a personal account to pay from (resident insurance has none).
        AccountId? own = payer.InsuranceType == InsuranceType.Employee ? AccountId.Personal(payer.Id) : null;
        // Only the member of a sharing relationship spends family money: a proxy (亲情账户) never moves money, and an
        // authorizer pays from their own account.
        var sharingMember = relationship is { Kind: BindingKind.Sharing } r && r.MemberId == payer.Id;
        AccountId? family = sharingMember && !relationship!.QuotaOnly ? AccountId.Family(relationship.Funding, relationship.AuthorizerId) : null;
        // The member's quota (共济额度) is held in the sharer's personal account, whatever the region's funding.
        AccountId? quota = sharingMember && relationship!.HasQuota ? AccountId.Personal(relationship.AuthorizerId) : null;
        return (new SettlementPlan(settlementId, institutionId, payer.Id, relationship?.Id, category, billFen, own, family, quota), null);
    }
}
