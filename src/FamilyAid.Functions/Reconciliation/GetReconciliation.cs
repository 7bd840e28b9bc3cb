using System.Globalization;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Institutions;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Reconciliation;

/// <summary><c>GET /api/institutions/me/reconciliation?date=YYYY-MM-DD</c>: the calling institution's settlements and
/// refunds of one China day (对账), with totals per category and per kind of payer account.</summary>
public static class GetReconciliation
{
    /// <summary>The function name.</summary>
    public const string Name = "GetReconciliation";

    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultTake = 200;

    /// <summary>The largest page.</summary>
    public const int MaxTake = 1000;

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/institutions/me/reconciliation", Handle).WithName(Name).WithTags("Institutions")
            .RequireAuthorization(Policies.Institution)
            .WhenForbidden("Only institutions reconcile.")
            .Produces<ReconciliationView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Reconcile a day (对账)")
            .WithDescription(
                "The calling institution's settlements (on the China day they were made) and refunds (on the China day they were "
                + "asked for) of `date` (YYYY-MM-DD, China time), with the whole day's totals per category and per kind of payer "
                + "account (own account, family account, quota, cash) on every page. `take` 1–1000 lines a page (default 200); "
                + "pass the answer's `continuationToken` for the next page (null on the last).");

    private static async Task<IResult> Handle(
        HttpContext http, ReconciliationStore store, CancellationToken ct, string? date = null, int? take = null, string? continuationToken = null)
    {
        var institution = DesignatedInstitutions.Of(http);
        var problem = !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? Problems.Invalid("date", "must be a China date, YYYY-MM-DD")
            : take is < 1 or > MaxTake ? Problems.Invalid("take", $"must be between 1 and {MaxTake}")
            : continuationToken is not null && !IsLineKey(continuationToken) ? Problems.Invalid("continuationToken", "must be a token this route answered")
            : null;
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var lines = await store.Day(institution.Id, day, ct);
        return TypedResults.Ok(ReconciliationView.Of(institution.Id, day, lines, continuationToken, take ?? DefaultTake));
    }

    // The token is the row key of the last line of the page before (Keys.ReconciliationLine).
    private static bool IsLineKey(string token) =>
        token.Length > 2 && (token.EndsWith("-s", StringComparison.Ordinal) || token.EndsWith("-r", StringComparison.Ordinal)) && Keys.IsSafeId(token);
}
