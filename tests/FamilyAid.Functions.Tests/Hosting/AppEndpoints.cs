using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Hosting;

/// <summary>One API endpoint as the app routes it.</summary>
/// <param name="Described">False for endpoints kept out of the OpenAPI document (the served pages, the dev sign-in).</param>
public sealed record ApiEndpoint(string? Name, string Route, IReadOnlyList<string> Methods, bool Described = true);

/// <summary>The app's own endpoint list, and where the repository and build output are.</summary>
public static class AppEndpoints
{
    /// <summary>Every endpoint under /api.</summary>
    public static List<ApiEndpoint> All(FamilyAidApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => new ApiEndpoint(
                e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? [],
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true }))
            .Where(e => e.Route.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();

    /// <summary>Every endpoint under /api except the OpenAPI document and the docs UI.</summary>
    public static List<ApiEndpoint> Api(FamilyAidApp app) =>
        All(app).Where(e => e.Route != "/api/openapi.json" && !e.Route.StartsWith("/api/docs", StringComparison.Ordinal)).ToList();

    /// <summary>The folder holding FamilyAid.sln, found from the test's build output.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FamilyAid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No FamilyAid.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Where FamilyAid.Functions.dll was built to (the folder the Functions host would start in).</summary>
    public static string AppOutput() => Path.GetDirectoryName(typeof(Program).Assembly.Location)!;

    public static string AppDll() => typeof(Program).Assembly.Location;
}
