using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.PaymentCodes;

/// <summary>Self-contained (sealed) single-use payment codes, their single-use rows and the sweep of those.</summary>
public static class PaymentCodeFeature
{
    /// <summary>Registers the feature's services (its settings are registered, in start-up order, by App.AddSettings).</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<PaymentCodeSigner>();
        services.AddSingleton<PaymentCodeStore>();
        services.AddSingleton<ITimerFunction, SweepPaymentCodes>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        IssuePaymentCode.Map(api);
    }
}
