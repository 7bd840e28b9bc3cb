using FamilyAid.Domain.RemoteTreatment;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary><c>DELETE /api/remote-registrations/{id}</c>: the person, or someone acting for them, cancels it.</summary>
public static class CancelRemoteRegistration
{
    /// <summary>The function name.</summary>
    public const string Name = "CancelRemoteRegistration";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/remote-registrations/{id}", Handle).WithName(Name).WithTags("Remote treatment")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a remote-treatment registration")
            .WithDescription(
                "The person or someone acting for them; an active or in-review registration becomes `cancelled` (the record and its "
                + "timeline stay). A reviewer of its region: 403; anyone else: 404; one already closed: `registration-not-open` 409.");

    private static async Task<IResult> Handle(
        string id, HttpContext http, RemoteRegistrationStore store, RemoteRegistrationAccessRules access, RemoteFiling filing, AuditLog audit,
        CancellationToken ct)
    {
        var caller = http.GetCaller();
        var standing = await store.Get(id, ct) is { } stored ? await access.Of(caller, stored.Registration, ct) : RemoteRegistrationAccess.None;
        if (standing != RemoteRegistrationAccess.Filer)
        {
            return (standing == RemoteRegistrationAccess.None ? Problems.NotFound() : Problems.Forbidden("Only the person or someone acting for them cancels.")).ToResult();
        }

        var outcome = await filing.Change(id, (r, now) => RegistrationRules.Cancel(r, caller.Id, now), ct);
        if (outcome.Registration is null)
        {
            return RemoteRegistrationProblems.For(outcome.Refusal!.Value, RemoteRegistrationPolicy.Default).ToResult();
        }

        await audit.Record(caller, "remote-registration-cancelled", id, null, ct);
        return TypedResults.NoContent();
    }
}
