using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Notifications;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Families;

/// <summary><c>DELETE /api/relationships/{id}</c>: the authorizer or that member ends a relationship, at once; payment
/// codes bound to it stop working, it is audited, and both people are notified.</summary>
public static class EndRelationship
{
    /// <summary>The function name.</summary>
    public const string Name = "EndRelationship";

    /// <summary>The notification template both people get.</summary>
    public const string EndedTemplate = "relationship-ended";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/relationships/{id}", Handle).WithName(Name).WithTags("Families and money")
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Only the authorizer or the member ends a relationship.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("End a relationship")
            .WithDescription("Its authorizer or its member ends it at once: payment codes bound to it stop working, and both people are notified.");

    private static async Task<IResult> Handle(
        string id, HttpContext http, RelationshipStore relationships, INotifier notifier, AuditLog audit, TimeProvider clock, CancellationToken ct)
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
        await relationships.End(relationship, ct);
        var by = RelationshipAccessRules.Of(caller, relationship) == RelationshipAccess.Authorizer ? "authorizer" : "member";
        await audit.RecordOnce(caller, "relationship-ended", relationship.Id, $"{Wire.Name(relationship.Kind)} {Wire.Name(relationship.Relation)}, ended by the {by}", ct);
        foreach (var recipient in new[] { relationship.AuthorizerId, relationship.MemberId })
        {
            await notifier.Send(new Notification(Keys.Hash($"{relationship.Id}/ended/{recipient}"), recipient, relationship.Id, EndedTemplate, clock.GetUtcNow()), ct);
        }

        return TypedResults.NoContent();
    }
}
