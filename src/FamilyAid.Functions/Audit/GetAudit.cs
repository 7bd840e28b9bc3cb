using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Audit;

/// <summary><c>GET /api/admin/audit?subject=…&amp;take=…</c>: the audit trail of one subject, newest first (admin).</summary>
public static class GetAudit
{
    /// <summary>The function name.</summary>
    public const string Name = "GetAudit";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/admin/audit", Handle).WithName(Name).WithTags("Operations")
            .RequireAuthorization(Policies.Admin)
            .Produces<IReadOnlyList<AuditEntry>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Read the audit trail")
            .WithDescription(
                "Admin. Entries newest first, of one `subject` if given, at most `take` (1–500, default 100). `detail` holds codes "
                + "and digests, never an identity number.");

    private static async Task<IResult> Handle(HttpContext http, AuditLog audit, string? subject, int? take, CancellationToken ct)
    {
        if (!Keys.IsSafeId(subject))
        {
            return Problems.Invalid("subject", "must be the id of a person, request or other object").ToResult();
        }

        if (take is < 1 or > 500)
        {
            return Problems.Invalid("take", "must be between 1 and 500").ToResult();
        }

        return TypedResults.Ok(await audit.About(subject!, take ?? 100, ct));
    }
}
