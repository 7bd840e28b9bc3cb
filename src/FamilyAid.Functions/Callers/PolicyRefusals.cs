using FamilyAid.Functions.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace FamilyAid.Functions.Callers;

/// <summary>Answers a caller a route's policy refuses with the 403 <c>forbidden</c> problem (and the route's
/// <see cref="ForbiddenDetail"/>); anything else, a 401 included, as the framework does.</summary>
public sealed class PolicyRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler framework = new();

    /// <inheritdoc />
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        !authorizeResult.Forbidden ? framework.HandleAsync(next, context, policy, authorizeResult)
        : OnlyUndesignated(authorizeResult.AuthorizationFailure) ? Problems.Write(context, NotDesignated())
        : Problems.Write(context, Problems.Forbidden(context.GetEndpoint()?.Metadata.GetMetadata<ForbiddenDetail>()?.Detail));

    // An institution caller whose institution is not designated today (every other requirement met).
    private static bool OnlyUndesignated(AuthorizationFailure? failure) =>
        failure?.FailedRequirements.ToList() is [DesignatedInstitutionRequirement];

    private static Problem NotDesignated() =>
        new(403, DesignatedInstitutionRequirement.Code, "This institution may not settle.",
            "It is not a designated institution (定点医药机构) valid today.");
}
