namespace FamilyAid.Functions.Hosting;

/// <summary>Headers every answer carries: no sniffing, no framing, no referrer, no caching of personal data.</summary>
public static class SecurityHeaders
{
    /// <summary>Adds the headers before the answer starts.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                // The API answers JSON only; the docs UI and the served pages (Web/) are the ones that run scripts.
                if (!context.Request.Path.StartsWithSegments("/api/docs", StringComparison.OrdinalIgnoreCase))
                {
                    // A served page (Web/) sets its own, stricter-than-the-docs policy; everything else runs nothing.
                    if (Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(headers.ContentSecurityPolicy))
                    {
                        headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                    }

                    // Personal data is never cached; an answer that is public says so itself (GET /api/policies/{region}).
                    if (Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(headers.CacheControl))
                    {
                        headers.CacheControl = "no-store";
                    }
                }

                // RFC 6750: every 401 names the scheme, whoever wrote it (the token check, the status-code pages, an endpoint).
                if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(headers.WWWAuthenticate))
                {
                    headers.WWWAuthenticate = "Bearer";
                }

                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
}
