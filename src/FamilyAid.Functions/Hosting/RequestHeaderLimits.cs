using FamilyAid.Functions.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FamilyAid.Functions.Hosting;

/// <summary>Limits on request headers that answer 431 as a problem.</summary>
/// <remarks>Kestrel refuses headers over its limits before any middleware runs, with an empty 431. So Kestrel's limits
/// are set to twice the app's, and this middleware refuses what passes the app's: a client over them gets a problem
/// with a code, and only one far over them (past Kestrel's) the bare 431.</remarks>
public static class RequestHeaderLimits
{
    /// <summary>Bytes of all header names and values together (Kestrel's own default).</summary>
    public const int MaxTotalBytes = 32 * 1024;

    /// <summary>Header fields (Kestrel's own default).</summary>
    public const int MaxCount = 100;

    /// <summary>Raises Kestrel's limits above the app's, so that the app sees the request and answers it.</summary>
    public static void Add(IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestHeadersTotalSize = 2 * MaxTotalBytes;
            options.Limits.MaxRequestHeaderCount = 2 * MaxCount;
        });

    /// <summary>Refuses a request over the app's header limits with 431 <c>request-headers-too-large</c>.</summary>
    public static IApplicationBuilder UseRequestHeaderLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Request.Headers;
            long bytes = 0;
            foreach (var (name, values) in headers)
            {
                bytes += name.Length;
                foreach (var value in values)
                {
                    bytes += value?.Length ?? 0;
                }
            }

            if (headers.Count > MaxCount || bytes > MaxTotalBytes)
            {
                await Problems.Write(context, new Problem(
                    StatusCodes.Status431RequestHeaderFieldsTooLarge, "request-headers-too-large", "The request headers are too large.",
                    $"At most {MaxCount} header fields and {MaxTotalBytes} bytes of them."));
                return;
            }

            await next(context);
        });
}
