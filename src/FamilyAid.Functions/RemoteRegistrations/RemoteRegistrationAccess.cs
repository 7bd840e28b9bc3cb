using FamilyAid.Domain.RemoteTreatment;
using FamilyAid.Functions.Callers;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary>How the caller stands to a registration (object-level authorization).</summary>
public enum RemoteRegistrationAccess
{
    /// <summary>May not know it exists: 404.</summary>
    None,

    /// <summary>The person, or someone acting for them: reads and cancels.</summary>
    Filer,

    /// <summary>A reviewer of the person's region: reads and decides.</summary>
    Reviewer,
}

/// <summary>Works out <see cref="RemoteRegistrationAccess"/>.</summary>
public sealed class RemoteRegistrationAccessRules(ActingFor acting)
{
    /// <summary>The caller's standing towards <paramref name="registration"/>.</summary>
    public async Task<RemoteRegistrationAccess> Of(Caller caller, RemoteRegistration registration, CancellationToken ct) => caller switch
    {
        { Role: CallerRole.Reviewer } when caller.Region == registration.Region => RemoteRegistrationAccess.Reviewer,
        { Role: CallerRole.Applicant } when await acting.May(caller, registration.PersonId, ct) => RemoteRegistrationAccess.Filer,
        _ => RemoteRegistrationAccess.None,
    };
}
