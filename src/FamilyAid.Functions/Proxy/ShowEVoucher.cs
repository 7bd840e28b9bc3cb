using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Proxy;

/// <summary><c>GET /api/proxy/{personId}/e-voucher</c>: the proxy shows the person's e-voucher (医保电子凭证 展码), a
/// short-lived single-use code that charges only that person's own account.</summary>
public static class ShowEVoucher
{
    /// <summary>The function name.</summary>
    public const string Name = "ShowProxyEVoucher";

    /// <summary>The answer.</summary>
    public sealed record Response(string Code, DateTimeOffset ExpiresAt);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/proxy/{personId}/e-voucher", Handle).WithName(Name).WithTags(ProxyFeature.Tag)
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Only insured people act for relatives.")
            .Produces<Response>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Show a person's e-voucher")
            .WithDescription(
                "For the authorizer of an active proxy relationship (亲情账户) with `personId`: a new single-use code, live "
                + "`PaymentCodes__LifetimeSeconds` (120 s), that settles against that person's own personal account and then cash, "
                + "never the caller's account nor a family account. Recorded in the person's proxy actions and audited; ending "
                + "the relationship stops it at once. Anyone else: 404.");

    private static async Task<IResult> Handle(string personId, HttpContext http, ProxyAccess access, EVouchers vouchers, CancellationToken ct)
    {
        var caller = http.GetCaller();
        if (await access.ActingFor(caller, personId, ct) is not { } proxy)
        {
            return Problems.NotFound().ToResult();
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await vouchers.Issue(caller, proxy, ct));
    }
}
