using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Bindings;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Bindings.Documents;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.Privacy;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Settings;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Bindings.Workflow;
using Microsoft.AspNetCore.Diagnostics;
using Scalar.AspNetCore;

namespace FamilyAid.Functions.Hosting;

/// <summary>The composition root: services, middleware and every function's route.</summary>
public static class App
{
    /// <summary>The port the Functions host gives a custom handler.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Configuration as the Functions host sees it: local.settings.json Values under the environment.</summary>
    public static void AddLocalSettings(IConfigurationManager configuration, string path)
    {
        var sources = (IList<IConfigurationSource>)configuration.Sources;
        var env = sources.Select((s, i) => (s, i))
            .LastOrDefault(x => x.s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        sources.Insert(env.s is null ? sources.Count : env.i, new LocalSettingsSource(path));
    }

    /// <summary>Registers every service.</summary>
    /// <summary>Registers each feature's settings, checked at start in this order (storage first: nothing works without it).</summary>
    public static void AddSettings(IServiceCollection services)
    {
        services.AddSettings(StorageSettings.Read);
        services.AddSettings(AuthSettings.Read);
        services.AddSettings(Bindings.FaceCheck.FaceCheckSettings.Read);
        services.AddSettings(PrivacyKeys.Read);
        services.AddSettings(DocumentSettings.Read);
        services.AddSettings(BindingSettings.Read);
        services.AddSettings(HostingSettings.Read);
        services.AddSettings(Triggers.TriggerSettings.Read);
        services.AddSettings(Ledger.LedgerSettings.Read);
    }

    /// <summary>Registers every service.</summary>
    public static void AddServices(IServiceCollection services)
    {
        AddSettings(services);
        LogDefaults.Add(services);
        RequestHeaderLimits.Add(services);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ResidentIdProtector(sp.GetRequiredService<PrivacyKeys>()));
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<BindingSettings>();
            return new Domain.Bindings.BindingDecider(settings.Timeouts, settings.Calendar);
        });
        services.AddStorage();
        Health.Health.AddChecks(services);
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<InsuredStore>();
        services.AddSingleton<InsuredChanges>();
        services.AddSingleton<BindingStreamStore>();
        services.AddSingleton<PersonBindingIndex>();
        services.AddSingleton<BindingIntake>();
        services.AddSingleton<RelationshipStore>();
        services.AddSingleton<AuthorizerCommands>();
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Ledger.AccountLedger>();
        services.AddSingleton<Ledger.AccountOpener>();
        services.AddSingleton<Ledger.IOpeningBalances, Insured.InsuredOpeningBalances>();
        services.AddSingleton<Ledger.MovementStore>();
        services.AddSingleton<Ledger.MovementRunner>();
        services.AddSingleton<Ledger.LegCheckpoint>();
        services.AddSingleton<PaymentCodes.PaymentCodeSigner>();
        services.AddSingleton<PaymentCodes.PaymentCodeStore>();
        services.AddSingleton<Settlements.SettlementPayers>();
        services.AddSingleton<BindingOutbox>();
        services.AddSingleton<BindingWorkflow>();
        services.AddSingleton<BindingEffectHandler>();
        // The workflow activates a relationship at once through the handler, whose activation reports back through the workflow.
        services.AddSingleton(sp => new Lazy<BindingWorkflow>(sp.GetRequiredService<BindingWorkflow>));
        services.AddSingleton(sp => new Lazy<BindingEffectHandler>(sp.GetRequiredService<BindingEffectHandler>));
        services.AddSingleton<TimerStore>();
        services.AddSingleton<Bindings.Review.ReviewQueueStore>();
        services.AddSingleton<Notifications.InboxNotifier>();
        services.AddSingleton<Notifications.INotifier>(sp => sp.GetRequiredService<Notifications.InboxNotifier>());
        services.AddSingleton<Triggers.IQueueFunction, RunBindingEffect>();
        services.AddSingleton<Triggers.IQueueFunction, RecordPoisonedEffect>();
        services.AddSingleton<Triggers.ITimerFunction, FireTimers>();
        services.AddSingleton<Triggers.ITimerFunction, SweepOutbox>();
        services.AddSingleton<Triggers.ITimerFunction, Ledger.RecoverMovements>();
        services.AddSingleton<Triggers.ITimerFunction, PaymentCodes.SweepPaymentCodes>();
        services.AddHostedService<Triggers.LocalTriggerRunner>();
        services.AddHttpClient();
        services.AddSingleton<Bindings.FaceCheck.FaceCheckSessions>();
        services.AddSingleton<Bindings.FaceCheck.IFaceCheckProvider, Bindings.FaceCheck.LocalFaceCheckProvider>();
        services.AddCallerAuthentication();
        WriteRateLimits.Add(services);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        // A malformed query value (take=abc) is a 400 problem, not an exception logged at Error.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        OpenApiContract.Add(services);
    }

    /// <summary>Middleware and routes.</summary>
    public static void Configure(WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = HandleException,
            // The client's own failures get ClientFaults' one line instead of an Error with a stack trace.
            SuppressDiagnosticsCallback = context => ClientFaults.Of(context.Exception) is not null,
        });
        app.UseClientFaults();
        app.UseStatusCodePages(async context =>
        {
            // Anything the framework refuses without a body (405, an unmatched route) still answers a problem.
            var status = context.HttpContext.Response.StatusCode;
            await Problems.Write(context.HttpContext, status switch
            {
                400 => new Problem(400, "bad-request", "The request is malformed."),
                401 => Problems.Unauthorized(),
                403 => Problems.Forbidden(),
                404 => Problems.NotFound(),
                405 => new Problem(405, "method-not-allowed", "This method is not allowed here."),
                413 => new Problem(413, "body-too-large", "The request body is too large."),
                415 => new Problem(415, "unsupported-media-type", "This content type is not accepted here."),
                _ => new Problem(status, "error", "The request failed."),
            });
        });
        TrustedProxies.Use(app, app.Services.GetRequiredService<HostingSettings>().TrustedProxies);
        app.UseSecurityHeaders();
        app.UseRequestHeaderLimits();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        var api = app.MapGroup("/api").RequireAuthorization();
        // Both have a function.json too, so that the Functions host forwards them in Azure.
        app.MapOpenApi("/api/openapi.json").AllowAnonymous().WithName("OpenApi");
        app.MapScalarApiReference("/api/docs", o => o.WithOpenApiRoutePattern("/api/openapi.json").WithTitle("FamilyAid API")).AllowAnonymous();

        Triggers.TriggerInvocation.Map(app);
        Health.Health.Map(api);
        UpsertInsured.Map(api);
        CreateBinding.Map(api);
        ListBindings.Map(api);
        GetBinding.Map(api);
        UploadDocument.Map(api);
        SubmitBinding.Map(api);
        CancelBinding.Map(api);
        GetAudit.Map(api);
        Bindings.Review.GetReviewBinding.Map(api);
        Notifications.ListNotifications.Map(api);
        Bindings.Review.GetReviewQueue.Map(api);
        Bindings.Review.DecideBinding.Map(api);
        Bindings.FaceCheck.BeginFaceCheck.Map(api);
        Bindings.FaceCheck.FaceCheckCallback.Map(api);
        Families.GetMyFamily.Map(api);
        Families.EndRelationship.Map(api);
        Transfers.CreateTransfer.Map(api);
        PaymentCodes.IssuePaymentCode.Map(api);
        Settlements.CreateSettlement.Map(api);
        Settlements.RefundSettlement.Map(api);
        Ledger.ListMyEntries.Map(api);
    }

    private static async Task HandleException(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problem = (ClientFaults.Of(error) ?? error) switch
        {
            BadHttpRequestException { StatusCode: 413 } => Problems.BodyTooLarge(0) with { Detail = null },
            BadHttpRequestException bad => new Problem(bad.StatusCode, "bad-request", "The request is malformed."),
            ConcurrentUpdateException => new Problem(409, "concurrent-update", "The request changed while this was decided; try again."),
            Azure.RequestFailedException or HttpRequestException or TimeoutException => Problems.StorageUnavailable(),
            // The Azure SDK reports exhausted retries as an AggregateException of the attempts.
            AggregateException aggregate when aggregate.InnerExceptions.All(e => e is Azure.RequestFailedException or HttpRequestException)
                => Problems.StorageUnavailable(),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => new Problem(499, "cancelled", "The request was cancelled."),
            _ => new Problem(500, "internal-error", "Something went wrong on our side; it has been logged."),
        };
        await Problems.Write(context, problem);
    }
}
