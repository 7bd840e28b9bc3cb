using FamilyAid.Functions.Callers;

namespace FamilyAid.Functions.Relationships;

/// <summary>How the caller stands to an active relationship (object-level authorization).</summary>
public enum RelationshipAccess
{
    /// <summary>May not know it exists: answer 404.</summary>
    None,

    /// <summary>The authorizer (applicant) it was granted to.</summary>
    Authorizer,

    /// <summary>The relative bound by it.</summary>
    Member,
}

/// <summary>Works out <see cref="RelationshipAccess"/>.</summary>
public static class RelationshipAccessRules
{
    /// <summary>The caller's standing towards <paramref name="relationship"/>.</summary>
    public static RelationshipAccess Of(Caller caller, RelationshipRecord relationship) => caller.Role switch
    {
        CallerRole.Applicant when caller.Id == relationship.AuthorizerId => RelationshipAccess.Authorizer,
        CallerRole.Applicant when caller.Id == relationship.MemberId => RelationshipAccess.Member,
        _ => RelationshipAccess.None,
    };

    /// <summary>The relationship <paramref name="relationshipId"/> if the caller takes part in it; null (404) for anyone
    /// else, who finds nothing in their own partition.</summary>
    public static async Task<RelationshipRecord?> Find(RelationshipStore relationships, Caller caller, string relationshipId, CancellationToken ct) =>
        await relationships.Find(caller.Id, relationshipId, ct) is { } found && Of(caller, found) != RelationshipAccess.None ? found : null;
}
