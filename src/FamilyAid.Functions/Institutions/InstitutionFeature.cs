using Microsoft.AspNetCore.Authorization;

namespace FamilyAid.Functions.Institutions;

/// <summary>The registry of designated institutions (定点医药机构) and the check that an institution token names one.</summary>
public static class InstitutionFeature
{
    /// <summary>Registers the feature's services.</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<InstitutionStore>();
        services.AddSingleton<IAuthorizationHandler, DesignatedInstitutions>();
        return services;
    }

    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        UpsertInstitution.Map(api);
    }
}
