using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Institutions;
using FamilyAid.Functions.Callers;
using Microsoft.AspNetCore.Authorization;

namespace FamilyAid.Functions.Institutions;

/// <summary>Meets <see cref="DesignatedInstitutionRequirement"/>: the token's institution is in the registry, designated,
/// and valid today (China date). The institution it read is kept on the request for the route (one read per request).</summary>
public sealed class DesignatedInstitutions(InstitutionStore institutions, TimeProvider clock) : AuthorizationHandler<DesignatedInstitutionRequirement>
{
    private static readonly object ItemKey = new();

    /// <summary>The designated institution this request's caller acts for; set once authorization let it through.</summary>
    public static Institution Of(HttpContext http) =>
        http.Items[ItemKey] as Institution ?? throw new InvalidOperationException("The route does not require the Institution policy.");

    /// <inheritdoc />
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, DesignatedInstitutionRequirement requirement)
    {
        if (Caller.From(context.User) is not { Role: CallerRole.Institution, Institution: { } id } || context.Resource is not HttpContext http)
        {
            return;
        }

        if (await institutions.Get(id, http.RequestAborted) is { } institution && institution.SettlesOn(Age.ChinaDate(clock.GetUtcNow())))
        {
            http.Items[ItemKey] = institution;
            context.Succeed(requirement);
        }
    }
}
