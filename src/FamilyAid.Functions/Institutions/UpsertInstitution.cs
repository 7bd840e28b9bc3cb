using FamilyAid.Domain.Geography;
using FamilyAid.Domain.Institutions;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Institutions;

/// <summary><c>PUT /api/admin/institutions/{id}</c>: records a designated institution (admin; stands in for the provincial
/// registry of 定点医药机构). Idempotent: the same body again changes nothing.</summary>
public static class UpsertInstitution
{
    /// <summary>The function name (and its function.json folder).</summary>
    public const string Name = "UpsertInstitution";

    /// <summary>The body.</summary>
    public sealed record Request(
        string Name, InstitutionKind Kind, string Region, string CityCode, bool Designated, DateOnly ValidFrom, DateOnly? ValidTo = null)
    {
        /// <summary>The institution this body records as <paramref name="id"/>, or the first problem with it.</summary>
        public (Institution? Value, Problem? Problem) Parse(string id)
        {
            var invalid = Text.Check("name", Name, 100)
                ?? (Province.ForSlug(Region) is not { } province ? Problems.Invalid("region", "must be a province's pinyin slug, e.g. guangdong")
                    : Divisions.Within(CityCode, province) ? null : GeographyProblems.UnknownDivision("cityCode", province))
                ?? (ValidTo < ValidFrom ? Problems.Invalid("validTo", "must not be before validFrom") : null);
            return invalid is not null ? (null, invalid) : (new Institution(id, Name.Trim(), Kind, Region, CityCode, Designated, ValidFrom, ValidTo), null);
        }
    }

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/admin/institutions/{id}", Handle).WithName(Name).WithTags("Institutions")
            .RequireAuthorization(Policies.Admin)
            .Accepts<Request>("application/json")
            .Produces<InstitutionView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Record a designated institution")
            .WithDescription(
                "Admin; stands in for the provincial registry of 定点医药机构. `region` is the province's pinyin slug, `cityCode` a "
                + "GB/T 2260 division of that province (`unknown-division` otherwise). A token with role `institution` works only "
                + "while its institution is designated and within `validFrom`…`validTo` (China dates); other instances see a "
                + "change within `Institutions__RegistryCacheSeconds` (30 s).");

    private static async Task<IResult> Handle(string id, HttpContext http, InstitutionStore institutions, AuditLog audit, CancellationToken ct)
    {
        if (!Keys.IsSafeId(id))
        {
            return Problems.Invalid("id", "must be 1 to 64 letters, digits or '-'").ToResult();
        }

        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        var (institution, invalid) = problem is null ? body!.Value.Parse(id) : (null, problem);
        if (institution is null)
        {
            return invalid!.ToResult();
        }

        await institutions.Put(institution, ct);
        await audit.Record(http.GetCaller(), "institution-recorded", id, $"{Wire.Name(institution.Kind)} {institution.CityCode} designated={institution.Designated}", ct);
        return TypedResults.Ok(InstitutionView.Of(institution));
    }
}
