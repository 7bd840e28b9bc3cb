using FamilyAid.Domain.Geography;
using FamilyAid.Domain.RemoteTreatment;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.Proxy;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary><c>POST /api/remote-registrations</c>: files a 异地就医备案 for the caller, or for someone they act for.</summary>
public static class CreateRemoteRegistration
{
    /// <summary>The function name.</summary>
    public const string Name = "CreateRemoteRegistration";

    /// <summary>The body.</summary>
    public sealed record Request(
        RemoteKind Kind, Destination Destination, DateOnly StartDate, ProofKind Proof,
        string? ForPersonId = null, DateOnly? EndDate = null, ReferralNote? Referral = null)
    {
        /// <summary>The first problem with the body's text, or null.</summary>
        public Problem? Check() =>
            Text.Check("destination.provinceCode", Destination.ProvinceCode, 2)
            ?? Text.Check("destination.cityCode", Destination.CityCode, 6)
            ?? (Referral is { } r ? Text.Check("referral.certificateNumber", r.CertificateNumber, 50) ?? Text.Check("referral.issuedBy", r.IssuedBy, 100) : null);
    }

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/remote-registrations", Handle).WithName(Name).WithTags("Remote treatment")
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Registrations are filed by insured people.")
            .Accepts<Request>("application/json")
            .Produces<RemoteRegistrationView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("File a remote-treatment registration")
            .WithDescription(
                "For the caller, or `forPersonId` whom the caller acts for (an active 亲情账户 proxy relationship, as its authorizer; "
                + "anyone else: 404). Active at once where the person's region accepts 承诺制 and `proof` is `commitment`, else "
                + "`in-review` for a reviewer of that region. `overlapping-registration` when another of the person's covers a day of it.");

    private static async Task<IResult> Handle(
        HttpContext http, ActingFor acting, InsuredStore insured, RemoteFiling filing, ProxyActions proxyActions, AuditLog audit, TimeProvider clock,
        CancellationToken ct)
    {
        var caller = http.GetCaller();
        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        if ((problem ?? body!.Value.Check()) is { } invalid)
        {
            return invalid.ToResult();
        }

        var r = body!.Value;
        var personId = r.ForPersonId ?? caller.Id;
        // Someone the caller does not act for is answered as if they did not exist.
        if (!Keys.IsSafeId(personId) || !await acting.May(caller, personId, ct) || await insured.Get(personId, ct) is not { Person: var person })
        {
            return Problems.NotFound().ToResult();
        }

        await (personId == caller.Id ? Task.CompletedTask : proxyActions.Record(personId, caller.Id, ProxyActions.RegistrationFiled, clock.GetUtcNow(), ct));
        var outcome = await filing.File(Command(caller.Id, person, r, clock), ct);
        if (outcome.Registration is not { } filed)
        {
            return RemoteRegistrationProblems.For(outcome.Refusal!.Value, RemoteRegistrationPolicy.For(person.Region)).ToResult();
        }

        await audit.Record(caller, "remote-registration-filed", filed.Id, $"{Wire.Name(filed.Kind)} {filed.Destination.CityCode} {Wire.Name(filed.Status)}", ct);
        return TypedResults.Created($"/api/remote-registrations/{filed.Id}", RemoteRegistrationView.Of(filed, filing.Today, withTimeline: true));
    }

    // Filed in someone's name, it is recorded among their proxy actions before it takes effect (the handler does that).
    private static FileRegistration Command(string callerId, Domain.Insurance.InsuredPerson person, Request r, TimeProvider clock) =>
        new(RemoteRegistrationStore.NewId(person.Id, clock), person.Id, person.Region, Province.ForSlug(person.Region)?.Code,
            callerId, r.Kind, r.Destination, r.StartDate, r.EndDate, r.Proof, r.Referral);
}
