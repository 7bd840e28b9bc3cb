namespace FamilyAid.Domain.Ledger;

/// <summary>What a settlement records before any money moves: the bill and the accounts that may pay it, in order.</summary>
/// <param name="PayerId">The person whose payment code was shown.</param>
/// <param name="RelationshipId">The relationship the code was bound to, if any.</param>
/// <param name="OwnAccount">The payer's own personal account; null unless the payer is employee-insured.</param>
/// <param name="FamilyAccount">The family account; null unless the payer is the member of an active sharing relationship.</param>
/// <param name="QuotaAccount">The sharer's personal account that holds the member's quota (共济额度, under
/// <paramref name="RelationshipId"/>); null unless the payer is the member of an active sharing relationship.</param>
public sealed record SettlementPlan(
    string Id,
    string InstitutionId,
    string PayerId,
    string? RelationshipId,
    SpendingCategory Category,
    long BillFen,
    AccountId? OwnAccount,
    AccountId? FamilyAccount,
    AccountId? QuotaAccount = null)
{
    /// <summary>The settling institution's province (pinyin slug); null on settlements made before institutions were recorded.</summary>
    public string? InstitutionRegion { get; init; }

    /// <summary>The settling institution's city (GB/T 2260 code); null on settlements made before institutions were recorded.</summary>
    public string? InstitutionCityCode { get; init; }
}
