using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Ledger;

/// <summary>Whose ledger entries a caller reads (object-level authorization): only their own account's — their
/// personal account, or the pool they fund. No route names another account.</summary>
public static class AccountAccess
{
    /// <summary>The caller's own account (<paramref name="pool"/>: the pool they would fund); null when the caller can
    /// hold none (a subject that cannot be a person id, which must not reach a storage key): 404.</summary>
    public static AccountId? Own(Caller caller, bool pool) =>
        !Keys.IsSafeId(caller.Id) ? null
        : pool ? AccountId.Pool(caller.Id)
        : AccountId.Personal(caller.Id);

    /// <summary>Whether the caller funds a family pool through one of <paramref name="relationships"/>, and so sees it
    /// (empty before its first transfer).</summary>
    public static bool FundsPool(Caller caller, IEnumerable<RelationshipRecord> relationships) =>
        relationships.Any(r => r.PoolFundedBy(caller.Id));
}
