using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FamilyAid.Functions.PlatformSync;

/// <summary><c>POST /api/admin/imports</c>: the admin uploads a platform file (JSON Lines, or CSV), streamed; it is imported in
/// the background.</summary>
public static class StartImport
{
    /// <summary>The function name (and its function.json folder).</summary>
    public const string Name = "StartImport";

    /// <summary>The media type of a platform file.</summary>
    public const string MediaType = "application/x-ndjson";

    /// <summary>The answer.</summary>
    public sealed record Response(string Id);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/admin/imports", Handle).WithName(Name).WithTags("Platform sync")
            .RequireAuthorization(Policies.Admin)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = true,
                    Description = "The file: one JSON object per line, or CSV with a header row (docs/API.md, \"Platform sync\").",
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                    {
                        [MediaType] = new() { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" } },
                        [ImportFormats.CsvMediaType] = new() { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" } },
                    },
                };
                return Task.CompletedTask;
            })
            .Produces<Response>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Import a platform file")
            .WithDescription(
                "Admin. The body, `application/x-ndjson` or `text/csv` (a header row first), is streamed to the private `imports` container (at most `Imports__MaxBytes`, "
                + "2 GiB by default) and imported in the background: 202 with the import's id, whose progress `GET /api/admin/imports/{id}` shows.");

    private static async Task<IResult> Handle(HttpContext http, ImportUploads uploads, ImportSettings settings, AuditLog audit, CancellationToken ct)
    {
        if (ImportFormats.OfMediaType(http.Request.ContentType) is not { } format)
        {
            return new Problem(415, "unsupported-media-type", "This content type is not accepted here.", $"Send {MediaType} or {ImportFormats.CsvMediaType}.").ToResult();
        }

        if (http.Request.ContentLength > settings.MaxBytes)
        {
            return Problems.BodyTooLarge(settings.MaxBytes).ToResult();
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = settings.MaxBytes + 1;
        }

        if (await uploads.Take(http.Request.Body, format, ct) is not { } id)
        {
            return Problems.BodyTooLarge(settings.MaxBytes).ToResult();
        }

        await audit.Record(http.GetCaller(), "import-started", id, null, ct);
        return TypedResults.Accepted($"/api/admin/imports/{id}", new Response(id));
    }
}
