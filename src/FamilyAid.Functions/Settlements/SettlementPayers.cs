using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Ledger;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.PaymentCodes;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.Settlements;

/// <summary>Turns a scanned payment code into a settlement plan: checks the code, loads the payer and the code's
/// relationship, asks the domain for the plan, and uses the code.</summary>
public sealed class SettlementPayers(
    PaymentCodeSigner signer, PaymentCodeStore codes, InsuredStore insured, RelationshipStore relationships, AccountLedger ledger, TimeProvider clock)
{
    /// <summary>The plan of settlement <paramref name="settlementId"/>, with the code used by it; or why not.</summary>
    public async Task<(SettlementPlan? Plan, SettlementRefusal? Refusal)> Plan(
        string settlementId, string institutionId, string paymentCode, SpendingCategory category, long billFen, CancellationToken ct)
    {
        if (signer.Verify(paymentCode) is not { } codeId || await codes.Get(codeId, ct) is not { } code)
        {
            return (null, SettlementRefusal.InvalidPaymentCode);
        }

        // The payer and the code's relationship are independent reads.
        var payerRead = insured.Get(code.Grant.PersonId, ct);
        var relationshipRead = code.Grant.RelationshipId is { } relationshipId
            ? relationships.Find(code.Grant.PersonId, relationshipId, ct)
            : Task.FromResult<RelationshipRecord?>(null);
        if (await payerRead is not { } payer)
        {
            return (null, SettlementRefusal.InvalidPaymentCode);
        }

        var relationship = await relationshipRead;
        if (!code.Grant.UsableBy(settlementId, clock.GetUtcNow(), relationshipActive: code.Grant.RelationshipId is null || relationship is not null))
        {
            return (null, SettlementRefusal.InvalidPaymentCode);
        }

        var paying = relationship is null
            ? null
            : new PayingRelationship(relationship.Id, relationship.AuthorizerId, relationship.MemberId, relationship.Kind,
                RegionPolicy.For(relationship.Region)?.Funding ?? FundingMode.Direct, await HasQuota(relationship, payer.Person.Id, ct));
        var (plan, refusal) = Payer.Plan(
            settlementId, institutionId, payer.Person, paying, RegionPolicy.For(payer.Person.Region) ?? RegionPolicy.National, category, billFen);
        if (plan is null)
        {
            // A refused bill leaves the code usable for a covered one.
            return (null, refusal);
        }

        return await codes.Use(code, settlementId, ct) ? (plan, null) : (null, SettlementRefusal.InvalidPaymentCode);
    }

    // One read spares a quota leg (three storage calls) in every family without quotas; a quota set after it is used
    // from the next bill on.
    private async Task<bool> HasQuota(RelationshipRecord relationship, string payerId, CancellationToken ct) =>
        relationship.Kind == BindingKind.Sharing && relationship.MemberId == payerId
        && (await ledger.Quota(AccountId.Personal(relationship.AuthorizerId).Value, relationship.Id, ct)).QuotaFen > 0;
}
