using FamilyAid.Domain.Insurance;

namespace FamilyAid.Domain.Bindings;

/// <summary>An active relationship as the group rules see it.</summary>
public sealed record ActiveRelationship(string AuthorizerId, string MemberId, BindingKind Kind);

/// <summary>A request of the authorizer that is not final yet.</summary>
public sealed record OpenRequest(string MemberId, BindingKind Kind);

/// <summary>What the edge loaded for a new request: the two people, their relationships, the open requests.</summary>
/// <param name="Authorizer">The caller's insured record; null when the caller is not insured.</param>
/// <param name="Member">The member found by resident ID; null when unknown.</param>
/// <param name="AuthorizerRelationships">Active relationships in which the authorizer takes part.</param>
/// <param name="MemberRelationships">Active relationships in which the member takes part.</param>
/// <param name="AuthorizerOpenRequests">The authorizer's requests that are not final.</param>
public sealed record IntakeFacts(
    InsuredPerson? Authorizer,
    InsuredPerson? Member,
    IReadOnlyList<ActiveRelationship> AuthorizerRelationships,
    IReadOnlyList<ActiveRelationship> MemberRelationships,
    IReadOnlyList<OpenRequest> AuthorizerOpenRequests);
