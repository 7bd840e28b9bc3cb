using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary><c>GET /api/remote-registrations/{id}</c>: one registration with its timeline.</summary>
public static class GetRemoteRegistration
{
    /// <summary>The function name.</summary>
    public const string Name = "GetRemoteRegistration";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/remote-registrations/{id}", Handle).WithName(Name).WithTags("Remote treatment")
            .Produces<RemoteRegistrationView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Read a remote-treatment registration")
            .WithDescription("The person, someone acting for them, or a reviewer of the person's region; anyone else: 404.");

    private static async Task<IResult> Handle(
        string id, HttpContext http, RemoteRegistrationStore store, RemoteRegistrationAccessRules access, RemoteFiling filing, CancellationToken ct)
    {
        if (await store.Get(id, ct) is not { } stored
            || await access.Of(http.GetCaller(), stored.Registration, ct) == RemoteRegistrationAccess.None)
        {
            return Problems.NotFound().ToResult();
        }

        return TypedResults.Ok(RemoteRegistrationView.Of(stored.Registration, filing.Today, withTimeline: true));
    }
}
