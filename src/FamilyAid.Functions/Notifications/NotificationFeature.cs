namespace FamilyAid.Functions.Notifications;

/// <summary>The notification port and its local in-app inbox.</summary>
public static class NotificationFeature
{
    /// <summary>Registers the feature's services (its settings are registered, in start-up order, by App.AddSettings).</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<InboxNotifier>();
        services.AddSingleton<INotifier>(sp => sp.GetRequiredService<InboxNotifier>());
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        ListNotifications.Map(api);
    }
}
