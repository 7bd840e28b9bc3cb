namespace FamilyAid.Functions.Premiums;

/// <summary>Premiums (代缴) a sharer pays for a relative.</summary>
public static class PremiumFeature
{
    /// <summary>Registers the feature's services.</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<PremiumDesk>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api) => CreatePremium.Map(api);
}
