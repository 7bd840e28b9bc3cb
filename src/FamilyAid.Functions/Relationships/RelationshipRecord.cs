using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Functions.Relationships;

/// <summary>An active relationship as stored: its id is the id of the request that granted it.</summary>
public sealed record RelationshipRecord(
    string Id, string AuthorizerId, string MemberId, BindingKind Kind, Relation Relation, string Region, DateTimeOffset ActivatedAt)
{
    /// <summary>Whether <paramref name="personId"/> funds a family pool through it (the authorizer of a sharing
    /// relationship in a pool region).</summary>
    public bool PoolFundedBy(string personId) =>
        AuthorizerId == personId && Kind == BindingKind.Sharing && RegionPolicy.For(Region)?.Funding == FundingMode.Pool;

    /// <summary>As a family group sees it.</summary>
    public Domain.Families.GroupRelationship ToGroup() => new(Id, AuthorizerId, MemberId, Kind, Relation, Region);

    /// <summary>As the group rules see it.</summary>
    public ActiveRelationship ToActive() => new(AuthorizerId, MemberId, Kind);
}
