using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.Insured;

/// <summary>Insured persons as the provincial platform reports them, and the opening balances of their personal accounts.</summary>
public static class InsuredFeature
{
    /// <summary>Registers the feature's services (its settings are registered, in start-up order, by App.AddSettings).</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<InsuredStore>();
        services.AddSingleton<InsuredChanges>();
        services.AddSingleton<IOpeningBalances, InsuredOpeningBalances>();
        services.AddSingleton<ITimerFunction, FinishRelationshipEnds>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        UpsertInsured.Map(api);
    }
}
