using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.Ledger;

/// <summary>Accounts, postings and movements (settlements, refunds, transfers as sagas), their recovery timer and statements.</summary>
public static class LedgerFeature
{
    /// <summary>Registers the feature's services (its settings are registered, in start-up order, by App.AddSettings).</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<AccountLedger>();
        services.AddSingleton<AccountOpener>();
        services.AddSingleton<StatementReader>();
        services.AddSingleton<MovementStore>();
        services.AddSingleton<MovementRunner>();
        services.AddSingleton<LegCheckpoint>();
        services.AddSingleton<ITimerFunction, RecoverMovements>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        ListMyEntries.Map(api);
    }
}
