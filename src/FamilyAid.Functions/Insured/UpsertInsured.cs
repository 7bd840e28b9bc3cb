using FamilyAid.Domain.Identity;
using FamilyAid.Functions.Audit;
using FamilyAid.Domain.Insurance;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Insured;

/// <summary><c>POST /api/admin/insured</c>: creates or updates an insured person (admin; stands in for the provincial platform).</summary>
public static class UpsertInsured
{
    /// <summary>The function name (and its function.json folder).</summary>
    public const string Name = "UpsertInsured";

    /// <summary>The body.</summary>
    public sealed record Request(
        string ResidentId, string Name, string Phone, InsuranceType InsuranceType, InsuranceStatus Status, string Region, long PersonalAccountFen)
    {
        /// <summary>The report this body makes, or the first problem with it; <paramref name="today"/> is China's date,
        /// which no birth date in a resident ID may follow; the region must have versions in <paramref name="policies"/>.</summary>
        public (InsuredReport? Value, Problem? Problem) Parse(DateOnly today, PolicyBook policies)
        {
            if (!Domain.Identity.ResidentId.TryParse(ResidentId, today, out var residentId))
            {
                return (null, Problems.InvalidResidentId("residentId"));
            }

            var invalid = Text.Check("name", Name, 50)
                ?? Text.CheckPhone("phone", Phone)
                ?? (policies.Knows(Region) ? null : Problems.UnknownRegion())
                ?? (PersonalAccountFen < 0 ? Problems.Invalid("personalAccountFen", "must not be negative") : null);
            return invalid is not null
                ? (null, invalid)
                : (new InsuredReport(residentId, Name.Trim(), Phone, InsuranceType, Status, Region, PersonalAccountFen), null);
        }
    }

    /// <summary>The answer.</summary>
    public sealed record Response(string Id);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/admin/insured", Handle).WithName(Name).WithTags("Insured persons")
            .RequireAuthorization(Policies.Admin)
            .Accepts<Request>("application/json")
            .Produces<Response>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Report an insured person")
            .WithDescription(
                "Admin; stands in for the provincial insurance platform. The first report of a resident ID creates the person and "
                + "opens their personal account at `personalAccountFen`; a later report of the same resident ID updates that person "
                + "(201, same id) and posts a different figure to the ledger as a `platform-adjustment`, or refuses with 422 "
                + "`insufficient-balance` when that would take more than the account still holds.");

    private static async Task<IResult> Handle(
        HttpContext http, InsuredChanges changes, AuditLog audit, PolicyBook policies, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var (report, invalid) = body!.Value.Parse(Age.ChinaDate(clock.GetUtcNow()), policies);
        if (report is null)
        {
            return invalid!.ToResult();
        }

        var reported = await changes.Report(report, ct);
        if (reported.Id is not { } id)
        {
            return InsufficientBalance().ToResult();
        }

        await audit.Record(http.GetCaller(), "insured-upserted", id, $"{Wire.Name(report.InsuranceType)} {Wire.Name(report.Status)} {report.Region}", ct);
        // The contract (docs/API.md) fixes 201 for both the first call and an update of the same resident ID.
        return TypedResults.Created($"/api/admin/insured/{id}", new Response(id));
    }

    private static Problem InsufficientBalance() =>
        new(422, "insufficient-balance", "The account holds less than this adjustment takes away.",
            "Family spending since the last figure was reported has used the difference.");
}
