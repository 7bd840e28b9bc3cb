using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Quotas;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.Families;

/// <summary><c>DELETE /api/relationships/{id}</c>: the authorizer or that member ends a relationship, at once; payment
/// codes bound to it stop working, what is left of the relative's quota returns to the sharer, it is audited, and both
/// people are notified.</summary>
public static class EndRelationship
{
    /// <summary>The function name.</summary>
    public const string Name = "EndRelationship";

    /// <summary>The notification template both people get.</summary>
    public const string EndedTemplate = RelationshipEnds.EndedTemplate;

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/relationships/{id}", Handle).WithName(Name).WithTags("Families and money")
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Only the authorizer or the member ends a relationship.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("End a relationship")
            .WithDescription(
                "Its authorizer or its member ends it at once: what is left of the relative's quota returns to the sharer, payment codes "
                + "bound to it stop working, and both people are notified.");

    private static async Task<IResult> Handle(string id, HttpContext http, RelationshipStore relationships, RelationshipEnds ends, CancellationToken ct)
    {
        var caller = http.GetCaller();
        // Someone else's relationship does not exist for them.
        if (await RelationshipAccessRules.Find(relationships, caller, id, ct) is not { } relationship)
        {
            return Problems.NotFound().ToResult();
        }

        // The audit entry and the notices follow whichever call found the relationship, not only the one whose delete
        // won: a call that crashed after deleting is finished by the next one (by the authorizer, whose row goes
        // last), and both people ending it at once make one entry (all but at the same instant) and one notice each.
        var by = RelationshipAccessRules.Of(caller, relationship) == RelationshipAccess.Authorizer ? "authorizer" : "member";
        await ends.End(relationship, caller, $"ended by the {by}", ct);
        return TypedResults.NoContent();
    }
}
