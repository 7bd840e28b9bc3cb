using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace FamilyAid.Functions.Http;

/// <summary>What a route documents about itself where it is mapped: the request headers it reads (the document as a
/// whole is completed in Hosting/OpenApiContract).</summary>
public static class RouteDocs
{
    /// <summary>Documents a request header the route reads.</summary>
    public static RouteHandlerBuilder WithRequestHeader(
        this RouteHandlerBuilder route, string name, bool required, string description, string example, string? pattern = null, int? maxLength = null) =>
        route.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Header,
                Required = required,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = maxLength, Pattern = pattern },
                Example = example,
            });
            return Task.CompletedTask;
        });

    /// <summary>Documents the <c>Idempotency-Key</c> header (docs/API.md "Idempotency") and the replay marker of the
    /// answers.</summary>
    /// <param name="required">Whether the route refuses a request without one (400 <c>idempotency-key-required</c>).</param>
    public static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder route, bool required) =>
        route.WithRequestHeader(
                IdempotentRequest.Header,
                required,
                (required ? "Required (400 `idempotency-key-required` without one: a retry could move money twice). " : "Optional. ")
                + "1–255 printable ASCII characters, scoped to the caller and this route. The same key with the same body "
                + "answers the first answer again, with `Idempotent-Replayed: true`; with another body, 409 `idempotency-conflict`; "
                + "while the first request runs, 409 `request-in-progress`.",
                "0192f1d4-6c1e-7a3b-9f2e-5d4c3b2a1908",
                "^[\\x20-\\x7E]+$",
                255)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                foreach (var (_, response) in (operation.Responses ?? []).Where(r => r.Key.StartsWith('2')))
                {
                    if (response is OpenApiResponse answer)
                    {
                        answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
                        answer.Headers["Idempotent-Replayed"] = new OpenApiHeader
                        {
                            Description = "`true` when this is the stored answer to an earlier request with the same key.",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] },
                        };
                    }
                }

                return Task.CompletedTask;
            });
}
