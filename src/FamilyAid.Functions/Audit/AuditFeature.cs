namespace FamilyAid.Functions.Audit;

/// <summary>The append-only audit trail and its admin read.</summary>
public static class AuditFeature
{
    /// <summary>Registers the feature's services (its settings are registered, in start-up order, by App.AddSettings).</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        GetAudit.Map(api);
    }
}
