
namespace FamilyAid.Functions.Http;

/// <summary>The problems every endpoint may answer with.</summary>
public static class Problems
{
    /// <summary>401: no valid token.</summary>
    public static Problem Unauthorized() => new(401, "unauthorized", "A valid bearer token is required.");

    /// <summary>403: known to exist, but not the caller's to do.</summary>
    public static Problem Forbidden(string? detail = null) => new(403, "forbidden", "You may not do this.", detail);

    /// <summary>404: does not exist, or the caller may not know that it does.</summary>
    public static Problem NotFound() => new(404, "not-found", "Not found.");

    /// <summary>400 for a field that breaks its format.</summary>
    public static Problem Invalid(string field, string detail) =>
        new(400, "invalid-request", "The request is not valid.", $"{field}: {detail}") { Extensions = new Dictionary<string, object?> { ["field"] = field } };

    /// <summary>400: the resident ID fails GB 11643.</summary>
    public static Problem InvalidResidentId(string field) =>
        new(400, "invalid-resident-id", "The resident ID number is not valid.", $"{field} must be 18 characters with a valid birth date and check character.");

    /// <summary>400: no region policy by that name.</summary>
    public static Problem UnknownRegion() =>
        new(400, "unknown-region", "Unknown region.",
            "Regions are 'national' and the provinces by pinyin slug (guangdong, gansu, ...); GET /api/policies/{region} shows a region's rules.");

    /// <summary>413: a body above the limit.</summary>
    public static Problem BodyTooLarge(long limit) =>
        new(413, "body-too-large", "The request body is too large.", $"At most {limit} bytes.");

    /// <summary>503: storage did not answer.</summary>
    public static Problem StorageUnavailable() =>
        new(503, "storage-unavailable", "Storage is not available; try again shortly.");

    /// <summary>Writes a problem outside an endpoint (authentication, authorization, middleware, exception handler).</summary>
    public static Task Write(HttpContext context, Problem problem) => problem.ToResult().ExecuteAsync(context);
}
