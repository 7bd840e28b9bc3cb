using System.Text.Json.Nodes;
using FamilyAid.Functions.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FamilyAid.Functions.Hosting;

/// <summary>The served OpenAPI document (<c>GET /api/openapi.json</c>), generated from the routes and completed here:
/// who needs a token, the answers every route shares (401, 403, 429), tags, servers. Each route adds its own summary,
/// description and headers where it is mapped (Http/RouteDocs). The document is linted in ./test.sh (OpenApiLintTests).</summary>
public static class OpenApiContract
{
    /// <summary>The name of the bearer security scheme.</summary>
    public const string BearerScheme = "bearer";

    private const string Unauthorized = "Unauthorized";
    private const string Forbidden = "Forbidden";
    private const string RateLimited = "RateLimited";
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemJson = "application/problem+json";

    /// <summary>What each tag (the <c>WithTags</c> of the routes) covers.</summary>
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Operations"] = "Health and the audit trail.",
        ["Insured persons"] = "The insured persons the provincial platform reports (admin; stands in for the platform).",
        ["Platform sync"] = "Files of insured records from the provincial platform, imported line by line (admin).",
        ["Binding requests"] = "家庭共济 (sharing) and 亲情账户 (proxy) requests: create, upload documents, submit, follow, cancel.",
        ["Review"] = "A reviewer's queue, the documents of a request and the decision, for the reviewer's region.",
        ["Notifications"] = "The in-app inbox that stands in for the notification channel.",
        ["Face check"] = "The member's face check and the provider's signed verdict.",
        ["Families and money"] = "Family groups and relationships, transfers into the pool, payment codes, settlements, refunds and statements.",
        ["Proxy services"] = "亲情账户: the e-voucher a proxy shows for a relative, the relative's statement, and what proxies did in one's name.",
        ["Policies"] = "Each region's dated policy versions: the one in force and those ahead (anonymous).",
        ["Institutions"] = "The registry of designated institutions (定点医药机构) that settle (admin; stands in for the provincial registry).",
        ["Remote treatment"] = "异地就医备案: remote-treatment registrations, filed by the person or someone acting for them, and their review.",
    };

    /// <summary>Registers the document "v1" with its transformers.</summary>
    public static IServiceCollection Add(IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            // Each function nests its own Request/Response records: name their schemas after the function.
            o.CreateSchemaReferenceId = type => type.Type.DeclaringType is { } function
                ? function.Name + type.Type.Name
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))
                {
                    DescribeProblem(schema);
                }

                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                DescribeCaller(operation, context);
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
        });

    /// <summary>A route that needs a token gets the bearer scheme and 401, one with a caller policy 403 (the policy's
    /// refusal); one that writes gets 429 (WriteRateLimits).</summary>
    private static void DescribeCaller(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var needsToken = !metadata.OfType<IAllowAnonymous>().Any()
                         && (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any());
        operation.Responses ??= [];
        if (needsToken)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            operation.Responses.TryAdd("401", new OpenApiResponseReference(Unauthorized, context.Document));
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null))
            {
                operation.Responses.TryAdd("403", new OpenApiResponseReference(Forbidden, context.Document));
            }
        }
        else
        {
            // Said, not left out: an operation without security would inherit any the document declared.
            operation.Security = [];
        }

        if (WriteRateLimits.Limits(context.Description.HttpMethod ?? "GET"))
        {
            operation.Responses.TryAdd("429", new OpenApiResponseReference(RateLimited, context.Document));
        }

        // In the order of their status, as a reader looks for them.
        var responses = new OpenApiResponses();
        foreach (var (status, response) in operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            responses[status] = response;
        }

        operation.Responses = responses;
    }

    /// <summary>The app's problems carry a stable <c>code</c> and, on some routes, more members.</summary>
    private static void DescribeProblem(OpenApiSchema schema)
    {
        schema.Description = "An RFC 9457 problem. `code` is the stable member to branch on (docs/API.md lists them); "
                             + "some problems add members (`field`, `missing`, `commitmentConfirmed`).";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The stable code, e.g. `not-found`: one of these, and no other (Http/ProblemCatalog).",
            Enum = [.. ProblemCatalog.All.Select(p => JsonValue.Create(p.Code))],
            // Redocly and Scalar show each value's description beside it.
            Extensions = new Dictionary<string, IOpenApiExtension>
            {
                ["x-enumDescriptions"] = new JsonNodeExtension(
                    new JsonObject(ProblemCatalog.All.Select(p => KeyValuePair.Create(p.Code, (JsonNode?)JsonValue.Create($"{p.Status}: {p.Title}"))))),
            },
        };
        schema.AdditionalPropertiesAllowed = true;
        schema.AdditionalProperties = null;
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "FamilyAid";
        document.Info.Description = "家庭共济, 亲情账户 and 异地备案 for China's medical insurance. "
                                    + "Conventions, errors, idempotency, rate limits and every route's codes: docs/API.md.";
        document.Info.Contact = new OpenApiContact { Name = "FamilyAid maintainers" };
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-FamilyAid-Proprietary" };

        // Relative to the document: the host the client reached, whatever the Functions host forwarded to the app.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The host that serves this document." }];

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= Tags.GetValueOrDefault(tag.Name ?? "");
        }

        document.AddComponent(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with `sub` and `role` (applicant, reviewer, institution, admin), plus `region` for reviewers "
                          + "and `institution` for institutions. Local tokens: `dotnet run --project src/FamilyAid.Functions -- token --sub <id>`.",
        });
        document.AddComponent(Unauthorized, Refusal("No valid bearer token.", Problems.Unauthorized()));
        document.AddComponent(Forbidden, Refusal("The route's caller policy refuses this kind of caller.", Problems.Forbidden()));
        var rateLimited = Refusal("Too many writes in this minute: wait `Retry-After` seconds.", WriteRateLimits.Refused);
        rateLimited.Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds until the window opens again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
            },
        };
        document.AddComponent(RateLimited, rateLimited);
    }

    private static OpenApiResponse Refusal(string description, Problem problem) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemJson] = new()
            {
                Schema = new OpenApiSchemaReference(ProblemSchema),
                // The very body the app writes for this problem (the one problem writer), without a trace id.
                Example = JsonNode.Parse(problem.ToAnswer().Body),
            },
        },
    };
}
