using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>Platform sync: files of insured records from the provincial platform, uploaded or dropped into the
/// <c>imports</c> container, applied line by line through the admin route's own path.</summary>
public static class ImportFeature
{
    /// <summary>Registers the feature's services (its settings are registered by App.AddSettings).</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<ImportStorage>();
        services.AddSingleton<ImportStore>();
        services.AddSingleton<RefusalReport>();
        services.AddSingleton<LineApplier>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<ImportUploads>();
        services.AddSingleton<IQueueFunction, RunImport>();
        services.AddSingleton<IBlobFunction, ImportDropped>();
        services.AddHostedService<ImportStorageInitializer>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        StartImport.Map(api);
        GetImport.Map(api);
    }
}
