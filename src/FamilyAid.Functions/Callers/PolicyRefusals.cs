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
        authorizeResult.Forbidden
            ? Problems.Write(context, Problems.Forbidden(context.GetEndpoint()?.Metadata.GetMetadata<ForbiddenDetail>()?.Detail))
            : framework.HandleAsync(next, context, policy, authorizeResult);
}
