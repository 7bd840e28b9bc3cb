using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Proxy;

/// <summary>Whether a caller acts for a person (亲情账户): an applicant who is the authorizer of an active proxy
/// relationship with them (object-level authorization for every proxy route; anyone else gets 404).</summary>
public sealed class ProxyAccess(RelationshipStore relationships)
{
    /// <summary>The active proxy relationship through which <paramref name="caller"/> acts for <paramref name="personId"/>, or null.</summary>
    /// <remarks>Read from the person's own partition, whose row an end deletes first: acting stops the moment it returns.</remarks>
    public async Task<RelationshipRecord?> ActingFor(Caller caller, string personId, CancellationToken ct)
    {
        if (caller.Role != CallerRole.Applicant || !Keys.IsSafeId(personId) || personId == caller.Id)
        {
            return null;
        }

        return (await relationships.Of(personId, ct))
            .FirstOrDefault(r => r.Kind == BindingKind.Proxy && r.AuthorizerId == caller.Id && r.MemberId == personId);
    }
}
