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
        string ResidentId, string Name, string Phone, InsuranceType InsuranceType, InsuranceStatus Status, string Region, long PersonalAccountFen);

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
        HttpContext http, InsuredChanges changes, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var request = body!.Value;
        if (!ResidentId.TryParse(request.ResidentId, Age.ChinaDate(clock.GetUtcNow()), out var residentId))
        {
            return Problems.InvalidResidentId("residentId").ToResult();
        }

        var invalid = Text.Check("name", request.Name, 50)
            ?? Text.CheckPhone("phone", request.Phone)
            ?? (RegionPolicy.For(request.Region) is null ? new Problem(400, "unknown-region", "Unknown region.", $"Known regions: {string.Join(", ", RegionPolicy.All.Keys)}.") : null)
            ?? (request.PersonalAccountFen < 0 ? Problems.Invalid("personalAccountFen", "must not be negative") : null);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        var reported = await changes.Report(new InsuredReport(
            residentId, request.Name.Trim(), request.Phone, request.InsuranceType, request.Status, request.Region, request.PersonalAccountFen), ct);
        if (reported.Id is not { } id)
        {
            return InsufficientBalance().ToResult();
        }

        await audit.Record(http.GetCaller(), "insured-upserted", id, $"{Wire.Name(request.InsuranceType)} {Wire.Name(request.Status)} {request.Region}", ct);
        // The contract (docs/API.md) fixes 201 for both the first call and an update of the same resident ID.
        return TypedResults.Created($"/api/admin/insured/{id}", new Response(id));
    }

    private static Problem InsufficientBalance() =>
        new(422, "insufficient-balance", "The account holds less than this adjustment takes away.",
            "Family spending since the last figure was reported has used the difference.");
}
