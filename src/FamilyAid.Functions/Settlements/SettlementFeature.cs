namespace FamilyAid.Functions.Settlements;

/// <summary>Settlements and refunds by institutions.</summary>
public static class SettlementFeature
{
    /// <summary>Registers the feature's services (its settings are registered, in start-up order, by App.AddSettings).</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<SettlementPayers>();
        services.AddSingleton<SettlementDesk>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        CreateSettlement.Map(api);
        RefundSettlement.Map(api);
    }
}
