namespace FamilyAid.Functions.Web;

/// <summary>The pages the app serves at <c>/api/&lt;site&gt;/</c> (the reviewer console, the applicant's page), and the dev sign-in.</summary>
public static class WebFeature
{
    /// <summary>Registers the embedded files, the page policy and the sign-in options.</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<StaticSite>();
        services.AddSingleton<PagePolicy>();
        services.AddSingleton(sp => SignInOptions.Of(sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<Callers.OidcSettings>()));
        return services;
    }

    /// <summary>Maps the sites and, in Development, the dev sign-in.</summary>
    public static void Map(IEndpointRouteBuilder api, IHostEnvironment environment)
    {
        ServePage.Map(api, "console", "Console");
        ServePage.Map(api, "app", "App");
        DevSignIn.Map(api, environment);
    }
}
