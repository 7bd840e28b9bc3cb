namespace FamilyAid.Functions.Families;

/// <summary>The caller's family group, and ending a relationship.</summary>
public static class FamilyFeature
{
    /// <summary>Registers the feature's services.</summary>
    public static IServiceCollection Add(IServiceCollection services) => services.AddSingleton<FamilyReader>();

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        GetMyFamily.Map(api);
        EndRelationship.Map(api);
    }
}
