using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Institutions;
using FamilyAid.Domain.Insurance;
using FamilyAid.Domain.Ledger;
using FamilyAid.Domain.Policy;
using FamilyAid.Domain.RemoteTreatment;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.PaymentCodes;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.RemoteRegistrations;

namespace FamilyAid.Functions.Settlements;

/// <summary>Turns a scanned payment code into a settlement plan: checks the code, loads the payer and the code's
/// relationship, asks the domain for the plan, and uses the code.</summary>
public sealed class SettlementPayers(
    PaymentCodeSigner signer, PaymentCodeStore codes, InsuredStore insured, RelationshipStore relationships, RemoteFiling registrations,
    AccountLedger ledger, PolicyBook policies, TimeProvider clock)
{
    /// <summary>The plan of settlement <paramref name="settlementId"/>, with the code used by it; or why not.</summary>
    public async Task<(SettlementPlan? Plan, SettlementRefusal? Refusal)> Plan(
        string settlementId, Institution institution, string paymentCode, SpendingCategory category, long billFen, CancellationToken ct)
    {
        if (!institution.Settles(category))
        {
            return (null, SettlementRefusal.CategoryNotAllowedForInstitution);
        }

        // The code carries its grant: a forged or altered one opens to nothing, with no storage read.
        if (signer.Open(paymentCode) is not { } code)
        {
            return (null, SettlementRefusal.InvalidPaymentCode);
        }

        // Whether an unexpired code is used is found out by using it, last. An expired one works only for the retry of the
        // settlement that used it: one read on this rare path says which one that was. One instant judges both checks, so
        // a code cannot expire between them unread.
        var now = clock.GetUtcNow();
        if (now >= code.ExpiresAt)
        {
            code = code with { UsedBy = await codes.UsedBy(code.CodeId, ct) };
            if (!code.UsableBy(settlementId, now, relationshipActive: true))
            {
                return (null, SettlementRefusal.InvalidPaymentCode);
            }
        }

        // The payer and the code's relationship are independent reads.
        var payerRead = insured.Get(code.PersonId, ct);
        var relationshipRead = code.RelationshipId is { } relationshipId
            ? relationships.Find(code.PersonId, relationshipId, ct)
            : Task.FromResult<RelationshipRecord?>(null);
        if (await payerRead is not { } payer)
        {
            return (null, SettlementRefusal.InvalidPaymentCode);
        }

        var relationship = await relationshipRead;
        // An e-voucher a proxy showed works only while that very proxy relationship is: its end stops the code at once.
        var active = code.IssuedBy is { } proxyId
            ? relationship is { Kind: Domain.Bindings.BindingKind.Proxy } r && r.AuthorizerId == proxyId && r.MemberId == code.PersonId
            : code.RelationshipId is null || relationship is not null;
        if (!code.UsableBy(settlementId, now, relationshipActive: active))
        {
            return (null, SettlementRefusal.InvalidPaymentCode);
        }

        // What accounts may pay for is the payer's region's version in force today (China date).
        var today = Age.ChinaDate(clock.GetUtcNow());
        PayingRelationship? paying = null;
        if (relationship is not null)
        {
            var (funding, quotaOnly) = (policies.InForce(relationship.Region, today)?.Funding ?? FundingMode.Direct, await CrossProvince(relationship, payer.Person, ct));
            paying = new PayingRelationship(relationship.Id, relationship.AuthorizerId, relationship.MemberId, relationship.Kind, funding,
                await HasQuota(relationship, payer.Person.Id, funding == FundingMode.Direct && !quotaOnly, ct))
            {
                QuotaOnly = quotaOnly,
            };
        }

        var payerPolicy = policies.InForce(payer.Person.Region, today) ?? policies.InForce(RegionPolicy.NationalRegion, today)!;
        var (plan, refusal) = Payer.Plan(settlementId, institution.Id, payer.Person, paying, payerPolicy, category, billFen);
        if (plan is null)
        {
            // A refused bill leaves the code usable for a covered one.
            return (null, refusal);
        }

        // 异地就医: in another province than the payer's, a registration must cover today (an emergency needs none).
        if (SettlementVenue.NeedsRegistration(institution, payer.Person, category) && !await registrations.Covered(payer.Person.Id, institution.Province, ct))
        {
            return (null, SettlementRefusal.NoRemoteRegistration);
        }

        // Using the code stays the last step: a refused bill leaves it usable.
        plan = plan with { InstitutionRegion = institution.Region, InstitutionCityCode = institution.CityCode };
        return await codes.Use(code, settlementId, ct) ? (plan, null) : (null, SettlementRefusal.InvalidPaymentCode);
    }

    // A sharing request names the sharer's region or national (BindingEligibility): a member insured elsewhere than a
    // named region is across provinces; under national only the sharer's record tells, read just then.
    private async Task<bool> CrossProvince(RelationshipRecord relationship, InsuredPerson member, CancellationToken ct)
    {
        if (relationship.Kind != BindingKind.Sharing || relationship.MemberId != member.Id || relationship.Region == member.Region)
        {
            return false;
        }

        return relationship.Region != RegionPolicy.NationalRegion
            || (await insured.Get(relationship.AuthorizerId, ct))?.Person.Region is { } sharerRegion && sharerRegion != member.Region;
    }

    // One read spares a quota leg (three storage calls) in every family without quotas; a quota set after it is used
    // from the next bill on. Where the family leg posts to the sharer's very account (<paramref name="familyIsSharer"/>),
    // not even the read: nothing reserved there as this instance last wrote it means no quota, and a reservation another
    // instance made since fails that leg's ETag, so the account is read again and the quota used from the next bill on.
    private async Task<bool> HasQuota(RelationshipRecord relationship, string payerId, bool familyIsSharer, CancellationToken ct)
    {
        var sharer = AccountId.Personal(relationship.AuthorizerId).Value;
        return relationship.Kind == BindingKind.Sharing && relationship.MemberId == payerId
            && !(familyIsSharer && ledger.KnownReservedFen(sharer) == 0)
            && (await ledger.Quota(sharer, relationship.Id, ct)).QuotaFen > 0;
    }
}
