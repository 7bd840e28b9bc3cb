using FamilyAid.Functions.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FamilyAid.Functions.Health;

/// <summary><c>GET /api/health</c>: 200 when tables, blobs and queues answer, 503 naming those that do not (or lack what start-up creates). Anonymous.</summary>
public static class Health
{
    /// <summary>The function name.</summary>
    public const string Name = "Health";

    /// <summary>How long each storage service has to answer; the three are asked at once.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The answer.</summary>
    public sealed record Response(string Status);

    /// <summary>Registers one check per storage service, named as the 503 names them.</summary>
    public static void AddChecks(IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<TablesHealthCheck>("tables", timeout: CheckTimeout)
            .AddCheck<BlobsHealthCheck>("blobs", timeout: CheckTimeout)
            .AddCheck<QueuesHealthCheck>("queues", timeout: CheckTimeout);

    /// <summary>Maps the route.</summary>
    /// <remarks>A route handler over <see cref="HealthCheckService"/> rather than <c>MapHealthChecks</c>: the OpenAPI
    /// document (and the tests that hold every route to it) only sees route handlers.</remarks>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/health", Handle).WithName(Name).WithTags("Operations").AllowAnonymous()
            .Produces<Response>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Check that the app and its storage answer")
            .WithDescription("200 `{status: \"ok\"}` when table storage answers within 3 s, else 503 `storage-unavailable`. No token.");

    private static async Task<IResult> Handle(HealthCheckService checks, CancellationToken ct)
    {
        var report = await checks.CheckHealthAsync(ct);
        if (report.Status == HealthStatus.Healthy)
        {
            return TypedResults.Ok(new Response("ok"));
        }

        var unavailable = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        return (Problems.StorageUnavailable() with
        {
            Detail = $"Not available: {string.Join(", ", unavailable)}.",
            Extensions = new Dictionary<string, object?> { ["unavailable"] = unavailable },
        }).ToResult();
    }
}
