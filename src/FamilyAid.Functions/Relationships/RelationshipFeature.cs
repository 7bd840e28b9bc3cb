namespace FamilyAid.Functions.Relationships;

/// <summary>Active relationships and the members' group places.</summary>
public static class RelationshipFeature
{
    /// <summary>Registers the feature's services (its settings are registered, in start-up order, by App.AddSettings).</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<RelationshipStore>();
        return services;
    }
}
