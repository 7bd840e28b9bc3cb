using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary>异地就医备案: filing, reading, cancelling, review and expiry of remote-treatment registrations.</summary>
public static class RemoteRegistrationFeature
{
    /// <summary>Registers the feature's services.</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<RemoteRegistrationStore>();
        services.AddSingleton<RemoteFiling>();
        services.AddSingleton<ActingFor>();
        services.AddSingleton<RemoteRegistrationAccessRules>();
        services.AddSingleton<RemoteReviews>();
        services.AddSingleton<ITimerFunction, ExpireRemoteRegistrations>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        CreateRemoteRegistration.Map(api);
        ListRemoteRegistrations.Map(api);
        GetRemoteRegistration.Map(api);
        CancelRemoteRegistration.Map(api);
        ListRemoteReviews.Map(api);
        DecideRemoteRegistration.Map(api);
        GetRemoteReview.Map(api);
    }
}
