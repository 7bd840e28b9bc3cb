using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Notifications;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Quotas;

/// <summary>Ends a relationship, by either side or automatically: what is left of the relative's quota returns to the
/// sharer, the rows go (so payment codes stop), it is audited, and both people are notified.</summary>
/// <remarks>The release comes first, under its one key per relationship: a crash after it leaves a relationship whose
/// quota is closed (nothing more can be reserved or spent from it) for the next end to remove, and a crash before it
/// leaves everything to do. There is no moment at which the relationship is gone but its quota still reserved. Every
/// step is idempotent, so ending again (a retry, recovery, both people at once) does nothing twice.</remarks>
public sealed class RelationshipEnds(
    RelationshipStore relationships, AccountLedger ledger, AccountOpener opener, AuditLog audit, INotifier notifier, TimeProvider clock)
{
    /// <summary>The notification template both people get.</summary>
    public const string EndedTemplate = "relationship-ended";

    /// <summary>Ends <paramref name="relationship"/>; <paramref name="actor"/> null is the system, <paramref name="why"/>
    /// goes into the audit entry ("ended by the member", "insurance ended").</summary>
    public async Task End(RelationshipRecord relationship, Caller? actor, string why, CancellationToken ct)
    {
        if (relationship.Kind == BindingKind.Sharing)
        {
            var account = AccountId.Personal(relationship.AuthorizerId);
            await opener.Open(account, ct);
            await ledger.Post(account.Value, QuotaPostings.Release(account, relationship.Id).Posting, ct);
        }

        await relationships.End(relationship, ct);
        await audit.RecordOnce(actor, "relationship-ended", relationship.Id, $"{Wire.Name(relationship.Kind)} {Wire.Name(relationship.Relation)}, {why}", ct);
        foreach (var recipient in new[] { relationship.AuthorizerId, relationship.MemberId })
        {
            await notifier.Send(new Notification(Keys.Hash($"{relationship.Id}/ended/{recipient}"), recipient, relationship.Id, EndedTemplate, clock.GetUtcNow()), ct);
        }
    }

    /// <summary>Ends every relationship <paramref name="personId"/> takes part in that was active by
    /// <paramref name="activeBy"/> (a later one was made after the change that ends them, and stays).</summary>
    public async Task EndAll(string personId, DateTimeOffset activeBy, string why, CancellationToken ct)
    {
        foreach (var relationship in await relationships.Of(personId, ct))
        {
            if (relationship.ActivatedAt <= activeBy)
            {
                await End(relationship, actor: null, why, ct);
            }
        }
    }
}
