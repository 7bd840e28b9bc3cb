using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Proxy;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary>Whom a caller may file and read registrations for: themselves, and each person they act for (亲情账户), as
/// <see cref="ProxyAccess"/> decides it for every proxy service.</summary>
public sealed class ActingFor(RelationshipStore relationships, ProxyAccess proxies)
{
    /// <summary>The people <paramref name="callerId"/> acts for (not themselves), for listing.</summary>
    public async Task<IReadOnlyList<string>> People(string callerId, CancellationToken ct) =>
        (await relationships.Of(callerId, ct))
            .Where(r => r.Kind == BindingKind.Proxy && r.AuthorizerId == callerId)
            .Select(r => r.MemberId).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Whether <paramref name="caller"/> is <paramref name="personId"/> or acts for them.</summary>
    public async Task<bool> May(Caller caller, string personId, CancellationToken ct) =>
        caller.Id == personId || await proxies.ActingFor(caller, personId, ct) is not null;
}
