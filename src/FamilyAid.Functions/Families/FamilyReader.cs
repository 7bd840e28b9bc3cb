using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Families;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.Families;

/// <summary>Reads the caller's family group as <see cref="FamilyGroup"/> lets them see it.</summary>
public sealed class FamilyReader(RelationshipStore relationships, InsuredStore insured, AccountLedger ledger)
{
    /// <summary>The caller's family, or null when they are in no group.</summary>
    public async Task<FamilyView?> Of(string callerId, CancellationToken ct)
    {
        var mine = (await relationships.Of(callerId, ct)).Select(r => r.ToGroup()).ToList();
        if (FamilyGroup.AuthorizerFor(callerId, mine) is not { } authorizerId || await insured.Get(authorizerId, ct) is not { } authorizer)
        {
            return null;
        }

        var group = authorizerId == callerId ? mine : (await relationships.Of(authorizerId, ct)).Select(r => r.ToGroup()).ToList();
        var sight = FamilyGroup.Sight(callerId, authorizerId, group);
        var people = await Task.WhenAll(sight.Members.Select(r => insured.Get(r.MemberId, ct)));
        var quotas = await Task.WhenAll(sight.Members.Select(r => QuotaFor(callerId, r, ct)));
        var members = sight.Members.Zip(people, quotas)
            .Where(m => m.Second is not null)
            .Select(m => new FamilyView.Member(
                m.First.Id, m.First.MemberId, NameFor(sight, callerId, m.First.MemberId, m.Second!.Person.Name), m.Second.ResidentIdMasked,
                m.First.Relation, m.First.Kind, m.First.Region, m.Third))
            .ToList();
        var poolRead = sight.ShowsPool ? ledger.Balance(AccountId.Pool(authorizerId).Value, ct) : null;
        var accountRead = sight.ShowsAuthorizerAccount ? AccountOf(authorizer, ct) : null;
        long? pool = poolRead is null ? null : (await poolRead)?.BalanceFen ?? 0;
        var (account, available) = accountRead is null ? default : await accountRead;
        return new FamilyView(
            authorizerId, new FamilyView.Person(authorizerId, NameFor(sight, callerId, authorizerId, authorizer.Person.Name)), members, pool,
            account, available);
    }

    // The authorizer's balance and what of it no quota holds; an account not opened yet holds the platform's figure.
    private async Task<(long? BalanceFen, long? AvailableFen)> AccountOf(InsuredRecord authorizer, CancellationToken ct)
    {
        var (balance, reserved) = await ledger.Holdings(AccountId.Personal(authorizer.Person.Id).Value, ct) ?? (authorizer.PersonalAccountFen, 0);
        return (balance, balance - reserved);
    }

    // A sharing member's quota, for the sharer and for that member.
    private async Task<long?> QuotaFor(string callerId, GroupRelationship relationship, CancellationToken ct) =>
        relationship.Kind == BindingKind.Sharing && (callerId == relationship.AuthorizerId || callerId == relationship.MemberId)
            ? (await ledger.Quota(AccountId.Personal(relationship.AuthorizerId).Value, relationship.Id, ct)).QuotaFen
            : null;

    private static string NameFor(FamilySight sight, string callerId, string personId, string name) =>
        sight.ShowsNameOf(callerId, personId) ? name : PersonName.Mask(name);
}
