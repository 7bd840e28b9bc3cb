namespace FamilyAid.Functions.Proxy;

/// <summary>亲情账户 proxy services: the e-voucher a proxy shows for a member, the member's statement, and the log of
/// what proxies did in a member's name.</summary>
public static class ProxyFeature
{
    /// <summary>The OpenAPI tag of the feature's routes.</summary>
    public const string Tag = "Proxy services";

    /// <summary>Registers the feature's services (it has no settings: codes live as long as payment codes).</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<ProxyAccess>();
        services.AddSingleton<ProxyActions>();
        services.AddSingleton<ProxyActionLog>();
        services.AddSingleton<EVouchers>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        ShowEVoucher.Map(api);
        ListProxyEntries.Map(api);
        ListMyProxyActions.Map(api);
    }
}
