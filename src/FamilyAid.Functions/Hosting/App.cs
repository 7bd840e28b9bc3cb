using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Bindings;
using FamilyAid.Functions.Bindings.Documents;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Families;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Institutions;
using FamilyAid.Functions.PlatformSync;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Notifications;
using FamilyAid.Functions.PaymentCodes;
using FamilyAid.Functions.Privacy;
using FamilyAid.Functions.Quotas;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.RemoteRegistrations;
using FamilyAid.Functions.Settings;
using FamilyAid.Functions.Settlements;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Transfers;
using FamilyAid.Functions.Triggers;
using Microsoft.AspNetCore.Diagnostics;
using Scalar.AspNetCore;

namespace FamilyAid.Functions.Hosting;

/// <summary>The composition root: settings in start-up order, the edge's middleware, and each feature's services and routes.</summary>
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

    /// <summary>Registers each feature's settings, checked at start in this order (storage first: nothing works without it).</summary>
    public static void AddSettings(IServiceCollection services)
    {
        services.AddSettings(StorageSettings.Read);
        services.AddSettings(AuthSettings.Read);
        services.AddSettings(OidcSettings.Read);
        services.AddSettings(Bindings.FaceCheck.FaceCheckSettings.Read);
        services.AddSettings(PrivacyKeys.Read);
        services.AddSettings(DocumentSettings.Read);
        services.AddSettings(BindingSettings.Read);
        services.AddSettings(HostingSettings.Read);
        services.AddSettings(Triggers.TriggerSettings.Read);
        services.AddSettings(Ledger.LedgerSettings.Read);
        services.AddSettings(PolicyVersions.PolicyFiles.Read);
        services.AddSettings(ImportSettings.Read);
        services.AddSettings(InstitutionSettings.Read);
    }

    /// <summary>Registers every service: the edge's own, then each feature's.</summary>
    public static void AddServices(IServiceCollection services)
    {
        AddSettings(services);
        LogDefaults.Add(services);
        RequestHeaderLimits.Add(services);
        services.AddSingleton(TimeProvider.System);
        services.AddStorage();
        services.AddCallerAuthentication();
        WriteRateLimits.Add(services);
        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        // A malformed query value (take=abc) is a 400 problem, not an exception logged at Error.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddSingleton<IdempotencyStore>();
        OpenApiContract.Add(services);
        Health.Health.AddChecks(services);
        TriggerFeature.Add(services);
        PrivacyFeature.Add(services);
        AuditFeature.Add(services);
        NotificationFeature.Add(services);
        RelationshipFeature.Add(services);
        InsuredFeature.Add(services);
        LedgerFeature.Add(services);
        PaymentCodeFeature.Add(services);
        SettlementFeature.Add(services);
        FamilyFeature.Add(services);
        TransferFeature.Add(services);
        BindingFeature.Add(services);
        Proxy.ProxyFeature.Add(services);
        InstitutionFeature.Add(services);
        RemoteRegistrationFeature.Add(services);
        QuotaFeature.Add(services);
        Premiums.PremiumFeature.Add(services);
        ImportFeature.Add(services);
        Web.WebFeature.Add(services);
        Reconciliation.ReconciliationFeature.Add(services);
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

        TriggerFeature.Map(app);
        Health.Health.Map(api);
        InsuredFeature.Map(api);
        BindingFeature.Map(api);
        AuditFeature.Map(api);
        NotificationFeature.Map(api);
        FamilyFeature.Map(api);
        TransferFeature.Map(api);
        PaymentCodeFeature.Map(api);
        SettlementFeature.Map(api);
        LedgerFeature.Map(api);
        Proxy.ProxyFeature.Map(api);
        PolicyVersions.PolicyFeature.Map(api);
        InstitutionFeature.Map(api);
        RemoteRegistrationFeature.Map(api);
        QuotaFeature.Map(api);
        Premiums.PremiumFeature.Map(api);
        ImportFeature.Map(api);
        Web.WebFeature.Map(api, app.Environment);
        Reconciliation.ReconciliationFeature.Map(api);
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
