using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Bindings.Documents;
using FamilyAid.Functions.Bindings.FaceCheck;
using FamilyAid.Functions.Bindings.Review;
using FamilyAid.Functions.Bindings.Workflow;
using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.Bindings;

/// <summary>The binding request (家庭共济 and 亲情账户 requests): intake, documents, review, face check and the workflow that carries it.</summary>
public static class BindingFeature
{
    /// <summary>Registers the feature's services (its settings are registered, in start-up order, by App.AddSettings).</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<BindingSettings>();
            return new BindingDecider(settings.Timeouts, settings.Calendar);
        });
        services.AddSingleton<BindingStreamStore>();
        services.AddSingleton<PersonBindingIndex>();
        services.AddSingleton<BindingIntake>();
        services.AddSingleton<AuthorizerCommands>();
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<BindingOutbox>();
        services.AddSingleton<BindingWorkflow>();
        services.AddSingleton<BindingEffectHandler>();
        
        // The workflow activates a relationship at once through the handler, whose activation reports back through the workflow.
        services.AddSingleton(sp => new Lazy<BindingWorkflow>(sp.GetRequiredService<BindingWorkflow>));
        services.AddSingleton(sp => new Lazy<BindingEffectHandler>(sp.GetRequiredService<BindingEffectHandler>));
        services.AddSingleton<TimerStore>();
        services.AddSingleton<ReviewQueueStore>();
        services.AddSingleton<IQueueFunction, RunBindingEffect>();
        services.AddSingleton<IQueueFunction, RecordPoisonedEffect>();
        services.AddSingleton<ITimerFunction, FireTimers>();
        services.AddSingleton<ITimerFunction, SweepOutbox>();
        services.AddHttpClient();
        services.AddSingleton<FaceCheckSessions>();
        services.AddSingleton<FaceChecks>();
        services.AddSingleton<IFaceCheckProvider, LocalFaceCheckProvider>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        CreateBinding.Map(api);
        ListBindings.Map(api);
        GetBinding.Map(api);
        UploadDocument.Map(api);
        SubmitBinding.Map(api);
        CancelBinding.Map(api);
        GetReviewBinding.Map(api);
        GetReviewQueue.Map(api);
        DecideBinding.Map(api);
        BeginFaceCheck.Map(api);
        FaceCheckCallback.Map(api);
    }
}
