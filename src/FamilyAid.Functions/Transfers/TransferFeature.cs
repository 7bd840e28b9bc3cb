namespace FamilyAid.Functions.Transfers;

/// <summary>Transfers into a family pool.</summary>
public static class TransferFeature
{
    /// <summary>Registers the feature's services.</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<TransferDesk>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api) => CreateTransfer.Map(api);
}
