using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.Quotas;

/// <summary>Sets a relative's quota (共济额度) for its sharer: the authorizer of an active sharing relationship.</summary>
public sealed class QuotaDesk(RelationshipStore relationships, AccountLedger ledger, AccountOpener opener)
{
    /// <summary>The quota and what the sharer may still spend, as answered.</summary>
    public sealed record QuotaView(long QuotaFen, long AvailableFen);

    /// <summary>Sets the quota of relationship <paramref name="relationshipId"/> to <paramref name="amountFen"/>, or
    /// answers the problem: 404 for anyone but its sharer, 422 <c>insufficient-balance</c> when the unreserved balance is short.</summary>
    public async Task<(QuotaView? View, Problem? Problem)> Set(Caller caller, string relationshipId, long amountFen, CancellationToken ct)
    {
        if (await RelationshipAccessRules.Find(relationships, caller, relationshipId, ct) is not { Kind: BindingKind.Sharing } relationship
            || RelationshipAccessRules.Of(caller, relationship) != RelationshipAccess.Authorizer)
        {
            return (null, Problems.NotFound());
        }

        var account = AccountId.Personal(caller.Id);
        if (!await opener.Open(account, ct))
        {
            return (null, Problems.NotFound());
        }

        var outcome = await ledger.SetQuota(account.Value, relationship.Id, amountFen, ct);
        return outcome.Refusal switch
        {
            PostingRefusal.InsufficientBalance => (null, InsufficientBalance()),
            // Ended meanwhile: its quota was released and closed.
            PostingRefusal.QuotaClosed => (null, Problems.NotFound()),
            _ => (await View(account, relationship.Id, ct), null),
        };
    }

    private async Task<QuotaView> View(AccountId account, string relationshipId, CancellationToken ct)
    {
        // Two point reads of one partition, side by side.
        var quota = ledger.Quota(account.Value, relationshipId, ct);
        var (balance, reserved) = await ledger.Holdings(account.Value, ct) ?? (0, 0);
        return new QuotaView((await quota).QuotaFen, QuotaRules.Unreserved(balance, reserved));
    }

    private static Problem InsufficientBalance() =>
        new(422, "insufficient-balance", "Your unreserved balance does not hold this much.", "Nothing was reserved; the quota is as it was.");
}
