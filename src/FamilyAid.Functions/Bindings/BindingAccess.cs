using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Callers;

namespace FamilyAid.Functions.Bindings;

/// <summary>How the caller stands to a binding request (object-level authorization).</summary>
public enum BindingAccess
{
    /// <summary>May not know it exists: answer 404.</summary>
    None,

    /// <summary>The authorizer (applicant) who opened it.</summary>
    Authorizer,

    /// <summary>The relative being bound.</summary>
    Member,

    /// <summary>A reviewer of the request's region.</summary>
    Reviewer,
}

/// <summary>Works out <see cref="BindingAccess"/>.</summary>
public static class BindingAccessRules
{
    /// <summary>The caller's standing towards <paramref name="state"/>.</summary>
    public static BindingAccess Of(Caller caller, BindingState state) => caller.Role switch
    {
        CallerRole.Applicant when caller.Id == state.AuthorizerId => BindingAccess.Authorizer,
        CallerRole.Applicant when caller.Id == state.MemberId => BindingAccess.Member,
        CallerRole.Reviewer when caller.Region == state.Region => BindingAccess.Reviewer,
        _ => BindingAccess.None,
    };
}
