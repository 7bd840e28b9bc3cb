using FamilyAid.Functions.Ledger;

namespace FamilyAid.Functions.Reconciliation;

/// <summary>Reconciliation (对账): a line per settlement and per refund in the institution's China day, written as the
/// movement reaches its end, and the institution's read of a day.</summary>
public static class ReconciliationFeature
{
    /// <summary>Registers the feature's services.</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<ReconciliationStore>();
        services.AddSingleton<IMovementEnds, ReconciliationJournal>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        GetReconciliation.Map(api);
    }
}
