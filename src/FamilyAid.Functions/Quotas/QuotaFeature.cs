namespace FamilyAid.Functions.Quotas;

/// <summary>Relatives' quotas (共济额度) and the ending of relationships that releases them.</summary>
public static class QuotaFeature
{
    /// <summary>Registers the feature's services.</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<QuotaDesk>();
        services.AddSingleton<RelationshipEnds>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api) => SetQuota.Map(api);
}
