using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Ledger;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.Premiums;

/// <summary>Pays premiums (代缴) under the idempotency claim, always in the sharer's account partition: whether from the
/// quota or the unreserved balance, the posting takes the one key per person, scheme and year there, so a second
/// payment from either source is a duplicate of the first.</summary>
public sealed class PremiumDesk(
    RelationshipStore relationships, AccountLedger ledger, AccountOpener opener, PolicyBook policies, AuditLog audit, TimeProvider clock)
{
    /// <summary>Pays <paramref name="request"/> as <paramref name="premiumId"/>; <paramref name="fresh"/> says the claim is
    /// new, so a posting found under the key belongs to an earlier payment, not to this request.</summary>
    public async Task<Answer> Pay(string premiumId, bool fresh, Caller caller, CreatePremium.Request request, CancellationToken ct)
    {
        var relationship = (await relationships.Of(caller.Id, ct)).FirstOrDefault(r =>
            r.Kind == BindingKind.Sharing && r.AuthorizerId == caller.Id && r.MemberId == request.ForPersonId);
        var account = AccountId.Personal(caller.Id);
        if (relationship is null || !await opener.Open(account, ct))
        {
            return Answer.From(Problems.NotFound());
        }

        if (!Allowed(policies.InForce(caller.Region ?? relationship.Region, Age.ChinaDate(clock.GetUtcNow())), request.Scheme))
        {
            return Answer.From(PremiumProblems.NotAllowed());
        }

        // Wholly from one source, never split: the quota when it holds the whole amount, else the unreserved balance.
        var quota = await ledger.Quota(account.Value, relationship.Id, ct);
        var leg = QuotaPostings.Premium(account, relationship.Id, request.ForPersonId, request.Scheme, request.Year, request.AmountFen,
            quota.QuotaFen >= request.AmountFen ? quota : QuotaState.None);
        var outcome = await ledger.Post(account.Value, leg.Posting, ct);
        return outcome switch
        {
            { Refusal: PostingRefusal.InsufficientBalance } => Answer.From(PremiumProblems.InsufficientBalance()),
            // Ended meanwhile: its quota was released and closed.
            { Refusal: not null } => Answer.From(Problems.NotFound()),
            { Conflict: true } or { Replayed: true } when fresh => Answer.From(PremiumProblems.AlreadyPaid()),
            { Entry: { } entry } => await Paid(premiumId, caller, request, -entry.ReservedChangeFen, ct),
            _ => Answer.From(PremiumProblems.AlreadyPaid()),
        };
    }

    private static bool Allowed(RegionPolicy? policy, string scheme) =>
        scheme == "resident" ? policy?.ResidentPremiumCovered == true : policy?.LongTermCarePremiumCovered == true;

    private async Task<Answer> Paid(string premiumId, Caller caller, CreatePremium.Request request, long quotaFen, CancellationToken ct)
    {
        await audit.RecordOnce(caller, "premium-paid", premiumId,
            $"{request.Scheme} {request.Year} for {request.ForPersonId}: {request.AmountFen} fen, {quotaFen} from the quota", ct);
        return Answer.Json(201, new CreatePremium.Response(
            premiumId, request.ForPersonId, request.Scheme, request.Year, request.AmountFen, quotaFen, request.AmountFen - quotaFen));
    }
}
