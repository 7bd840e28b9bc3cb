using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.PlatformSync;

/// <summary><c>GET /api/admin/imports/{id}</c>: an import's status, counts, rate and expected end.</summary>
public static class GetImport
{
    /// <summary>The function name (and its function.json folder).</summary>
    public const string Name = "GetImport";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/admin/imports/{id}", Handle).WithName(Name).WithTags("Platform sync")
            .RequireAuthorization(Policies.Admin)
            .Produces<ImportView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Show an import")
            .WithDescription(
                "Admin. Status (`queued`, `running`, `done`, `failed`), lines read, applied, unchanged and refused, bytes read of the "
                + "file's size, the rate in lines per second, the expected end, and the name of the report of refusals.");

    private static async Task<IResult> Handle(string id, ImportStore store, TimeProvider clock, CancellationToken ct) =>
        await store.Get(id, ct) is { } import
            ? TypedResults.Ok(ImportView.Of(import, clock.GetUtcNow()))
            : Problems.NotFound().ToResult();
}
