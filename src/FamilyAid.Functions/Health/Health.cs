using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Health;

/// <summary><c>GET /api/health</c>: 200 when storage answers, 503 when it does not. Anonymous.</summary>
public static class Health
{
    /// <summary>The function name.</summary>
    public const string Name = "Health";

    /// <summary>The answer.</summary>
    public sealed record Response(string Status);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/health", Handle).WithName(Name).WithTags("Operations").AllowAnonymous()
            .Produces<Response>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Check that the app and its storage answer")
            .WithDescription("200 `{status: \"ok\"}` when table storage answers within 3 s, else 503 `storage-unavailable`. No token.");

    private static async Task<IResult> Handle(Tables tables, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            // A read of a table the app created: answers only when storage is up and initialised.
            await foreach (var _ in tables.Idempotency.QueryAsync<Azure.Data.Tables.TableEntity>(
                               filter: Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {"health"}"), maxPerPage: 1, cancellationToken: timeout.Token).AsPages())
            {
                break;
            }

            return TypedResults.Ok(new Response("ok"));
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException)
        {
            return Problems.StorageUnavailable().ToResult();
        }
    }
}
