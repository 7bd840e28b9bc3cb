using FamilyAid.Functions.Callers;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary><c>GET /api/remote-registrations</c>: the caller's own registrations and those of the people they act for.</summary>
public static class ListRemoteRegistrations
{
    /// <summary>The function name.</summary>
    public const string Name = "ListRemoteRegistrations";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/remote-registrations", Handle).WithName(Name).WithTags("Remote treatment")
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Registrations are listed for insured people.")
            .Produces<IReadOnlyList<RemoteRegistrationView>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("List remote-treatment registrations")
            .WithDescription("The caller's own, then those of each person they act for (亲情账户), each person's oldest first; without timelines.");

    private static async Task<IResult> Handle(
        HttpContext http, ActingFor acting, RemoteRegistrationStore store, RemoteFiling filing, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var people = new List<string> { caller.Id };
        people.AddRange(await acting.People(caller.Id, ct));
        var lists = await Task.WhenAll(people.Select(p => store.Of(p, ct)));
        return TypedResults.Ok(lists.SelectMany(l => l.All).Select(r => RemoteRegistrationView.Of(r, filing.Today, withTimeline: false)).ToList());
    }
}
