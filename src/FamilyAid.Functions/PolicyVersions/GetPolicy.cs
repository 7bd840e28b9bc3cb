using System.Security.Cryptography;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.PolicyVersions;

/// <summary><c>GET /api/policies/{region}</c>: anyone may read a region's rules, so front ends can explain a refusal.</summary>
public static class GetPolicy
{
    /// <summary>The function name.</summary>
    public const string Name = "GetPolicy";

    /// <summary>How long caches may keep the answer: a new version starts at a China midnight, so minutes are fine.</summary>
    public const int MaxAgeSeconds = 300;

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/policies/{region}", Handle).WithName(Name).WithTags("Policies").AllowAnonymous()
            .Produces<PolicyView>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Read a region's policy versions")
            .WithDescription(
                "Anonymous and cacheable (`Cache-Control: public, max-age=300`, an `ETag`; `If-None-Match` answers 304). The version "
                + "of the region in force today (China date) and the versions that come into force later. `region` is `national` "
                + "or a province's pinyin slug; a province with no version of its own in force follows the national version, "
                + "whose id it then shows. Unknown region: 404.");

    private static IResult Handle(HttpContext http, string region, PolicyBook policies, TimeProvider clock)
    {
        if (PolicyView.Of(policies, region, Age.ChinaDate(clock.GetUtcNow())) is not { } view)
        {
            return Problems.NotFound().ToResult();
        }

        var answer = Answer.Json(StatusCodes.Status200OK, view);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(answer.Body)))[..32]}\"";
        http.Response.Headers.CacheControl = $"public, max-age={MaxAgeSeconds}";
        http.Response.Headers.ETag = etag;
        return http.Request.Headers.IfNoneMatch.Contains(etag) ? Results.StatusCode(StatusCodes.Status304NotModified) : answer.ToResult();
    }
}
