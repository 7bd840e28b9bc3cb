using Microsoft.AspNetCore.Authorization;

namespace FamilyAid.Functions.Callers;

/// <summary>Who may call a route at all, by the kind of caller: registered once, applied per route with
/// <c>.RequireAuthorization(Policies.X)</c>. Whether the object is the caller's is decided by each aggregate's access
/// rules (e.g. <see cref="Bindings.BindingAccessRules"/>).</summary>
public static class Policies
{
    /// <summary>An insured person (a token without a role).</summary>
    public const string Applicant = "applicant";

    /// <summary>A city agency reviewer, with the region they review.</summary>
    public const string ReviewerOfRegion = "reviewer-of-region";

    /// <summary>A hospital or pharmacy, with its institution id.</summary>
    public const string Institution = "institution";

    /// <summary>The provincial platform's stand-in.</summary>
    public const string Admin = "admin";

    /// <summary>Registers every policy.</summary>
    public static void Add(AuthorizationOptions options)
    {
        Add(options, Applicant, caller => caller.Role == CallerRole.Applicant);
        Add(options, ReviewerOfRegion, caller => caller is { Role: CallerRole.Reviewer, Region: not null });
        Add(options, Institution, caller => caller is { Role: CallerRole.Institution, Institution: not null }, new DesignatedInstitutionRequirement());
        Add(options, Admin, caller => caller.Role == CallerRole.Admin);
    }

    /// <summary>The <c>detail</c> of the 403 a route answers when its policy refuses the caller.</summary>
    public static TBuilder WhenForbidden<TBuilder>(this TBuilder builder, string detail)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ForbiddenDetail(detail));

    // A token that makes no known caller never gets this far (it is refused at authentication: 401).
    private static void Add(AuthorizationOptions options, string name, Func<Caller, bool> allowed, params IAuthorizationRequirement[] more) =>
        options.AddPolicy(name, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(context => Caller.From(context.User) is { } caller && allowed(caller))
            .AddRequirements(more));
}

/// <summary>Endpoint metadata: what a forbidden caller is told (<see cref="Policies.WhenForbidden{TBuilder}"/>).</summary>
public sealed record ForbiddenDetail(string Detail);
