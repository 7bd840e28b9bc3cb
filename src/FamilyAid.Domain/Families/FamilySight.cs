namespace FamilyAid.Domain.Families;

/// <summary>What a caller may see of their family group: whose group it is, its members, and which of the group's
/// balances.</summary>
/// <param name="AuthorizerId">The group's authorizer (共济人).</param>
/// <param name="CallerIsAuthorizer">Whether the caller runs the group (and so sees every name).</param>
/// <param name="Members">The group's relationships, oldest first.</param>
/// <param name="ShowsPool">Whether the caller sees the family pool (a pool region's sharing, as authorizer or member).</param>
/// <param name="ShowsAuthorizerAccount">Whether the caller sees the authorizer's personal account (the authorizer, or a
/// sharing member who spends it directly).</param>
public sealed record FamilySight(
    string AuthorizerId, bool CallerIsAuthorizer, IReadOnlyList<GroupRelationship> Members, bool ShowsPool, bool ShowsAuthorizerAccount)
{
    /// <summary>Whether the caller sees <paramref name="personId"/>'s name in clear: the authorizer sees every name, a
    /// member only their own.</summary>
    public bool ShowsNameOf(string callerId, string personId) => CallerIsAuthorizer || personId == callerId;
}
