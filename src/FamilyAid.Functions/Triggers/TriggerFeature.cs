namespace FamilyAid.Functions.Triggers;

/// <summary>Queue and timer functions: run here locally, or invoked by the Functions host through their routes.</summary>
public static class TriggerFeature
{
    /// <summary>Registers the local runner (idle under the Functions host).</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddHostedService<LocalTriggerRunner>();
        return services;
    }

    /// <summary>Maps the invocation routes, outside /api (only where the Functions host runs the triggers).</summary>
    public static void Map(IEndpointRouteBuilder app) => TriggerInvocation.Map(app);
}
