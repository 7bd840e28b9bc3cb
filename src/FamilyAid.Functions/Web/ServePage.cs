using Microsoft.Net.Http.Headers;

namespace FamilyAid.Functions.Web;

/// <summary><c>GET /api/{site}/{**path}</c>: a file of a served page, with the page policy and never cached (the pages show
/// people's documents and details; a shared computer must not keep them).</summary>
public static class ServePage
{
    /// <summary>Maps <paramref name="site"/>'s files at <c>/api/{site}/</c> under the function name <paramref name="name"/>.</summary>
    public static void Map(IEndpointRouteBuilder api, string site, string name) =>
        api.MapGet($"/{site}/{{**path}}", (string? path, HttpContext http, StaticSite files, PagePolicy policy, SignInOptions signIn) =>
                Handle(site, path, http, files, policy, signIn))
            .WithName(name).AllowAnonymous().ExcludeFromDescription();

    private static IResult Handle(string site, string? path, HttpContext http, StaticSite files, PagePolicy policy, SignInOptions signIn)
    {
        if (path == SignInOptions.Path)
        {
            return TypedResults.Ok(signIn);
        }

        // /api/console (no slash) would resolve the page's relative links against /api/: send it to /api/console/.
        if (path is null && !http.Request.Path.Value!.EndsWith('/'))
        {
            return TypedResults.Redirect($"{http.Request.PathBase}/api/{site}/");
        }

        if (files.Find(site, path) is not { } file)
        {
            return Http.Problems.NotFound().ToResult();
        }

        http.Response.Headers.ContentSecurityPolicy = policy.ContentSecurityPolicy;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers[HeaderNames.Pragma] = "no-cache";
        return TypedResults.Bytes(file.Bytes, file.ContentType);
    }
}
