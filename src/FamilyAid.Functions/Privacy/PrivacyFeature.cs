namespace FamilyAid.Functions.Privacy;

/// <summary>The keys that seal identity numbers and phones, and their protector.</summary>
public static class PrivacyFeature
{
    /// <summary>Registers the feature's services (its settings are registered, in start-up order, by App.AddSettings).</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton(sp => new ResidentIdProtector(sp.GetRequiredService<PrivacyKeys>()));
        return services;
    }
}
