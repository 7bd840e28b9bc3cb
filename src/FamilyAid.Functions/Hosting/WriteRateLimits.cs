using System.Globalization;
using System.Threading.RateLimiting;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace FamilyAid.Functions.Hosting;

/// <summary>Limits on write requests, per caller and per client address (either one exhausted answers 429).</summary>
/// <param name="PerInstitutionPerMinute">An institution (a hospital's or pharmacy's settlement system, often behind one
/// address) is limited as a whole, by this larger figure, and not per address.</param>
public sealed record WriteRateLimits(int PerCallerPerMinute, int PerAddressPerMinute, int PerInstitutionPerMinute)
{
    /// <summary>Registers the framework's rate limiter with a chained per-caller and per-address fixed window.</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<HostingSettings>((options, settings) =>
        {
            var limits = settings.RateLimits;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                // Per caller for those with a token; an anonymous write (the provider's signed callbacks) is
                // limited by address only, or every provider callback in the country would share one window.
                PartitionedRateLimiter.Create<HttpContext, string>(context => !IsWrite(context) ? RateLimitPartition.GetNoLimiter("")
                    : Caller.From(context.User) switch
                    {
                        { Role: CallerRole.Institution, Institution: { } institution } =>
                            RateLimitPartition.GetFixedWindowLimiter("institution:" + institution, _ => Window(limits.PerInstitutionPerMinute)),
                        { } caller => RateLimitPartition.GetFixedWindowLimiter("caller:" + caller.Id, _ => Window(limits.PerCallerPerMinute)),
                        null => RateLimitPartition.GetNoLimiter(""),
                    }),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsWrite(context) && Caller.From(context.User)?.Role != CallerRole.Institution
                    ? RateLimitPartition.GetFixedWindowLimiter("address:" + context.Connection.RemoteIpAddress, _ => Window(limits.PerAddressPerMinute))
                    : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = async (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.Write(rejected.HttpContext, Refused);
            };
        });
        return services;
    }

    /// <summary>The answer to a request over a limit (with <c>Retry-After</c>).</summary>
    public static readonly Problem Refused = new(429, "rate-limited", "Too many requests; try again later.");

    /// <summary>Whether requests with this method are limited: writes, that is every method but GET and HEAD.</summary>
    public static bool Limits(string method) => !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);

    private static bool IsWrite(HttpContext context) => Limits(context.Request.Method);

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
