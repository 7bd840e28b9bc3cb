using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary>Whom a caller may file and read registrations for: themselves, and each person they hold an active proxy
/// relationship (亲情账户) with as its authorizer.</summary>
public sealed class ActingFor(RelationshipStore relationships)
{
    /// <summary>The people <paramref name="callerId"/> acts for (not themselves).</summary>
    public async Task<IReadOnlyList<string>> People(string callerId, CancellationToken ct) =>
        (await relationships.Of(callerId, ct))
            .Where(r => r.Kind == BindingKind.Proxy && r.AuthorizerId == callerId)
            .Select(r => r.MemberId).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Whether <paramref name="callerId"/> is <paramref name="personId"/> or acts for them.</summary>
    public async Task<bool> May(string callerId, string personId, CancellationToken ct) =>
        callerId == personId || (await People(callerId, ct)).Contains(personId, StringComparer.Ordinal);
}
