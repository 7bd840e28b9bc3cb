using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Families;

/// <summary><c>GET /api/families/mine</c>: the caller's family group — the one they authorize, else the one they are a
/// member of — with its members and the balances the caller may see.</summary>
public static class GetMyFamily
{
    /// <summary>The function name.</summary>
    public const string Name = "GetMyFamily";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/families/mine", Handle).WithName(Name).WithTags("Families and money")
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Family groups are seen by their authorizer and members.")
            .Produces<FamilyView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Read my family group")
            .WithDescription(
                "The group the caller authorizes, else the one they are a member of (a sharing membership first): its people, with "
                + "other people's names masked for members, and the pool and the authorizer's account where the caller may see them.");

    private static async Task<IResult> Handle(HttpContext http, FamilyReader families, CancellationToken ct) =>
        await families.Of(http.GetCaller().Id, ct) is { } family ? TypedResults.Ok(family) : Problems.NotFound().ToResult();
}
