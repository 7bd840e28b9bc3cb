using FamilyAid.Domain.Identity;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Premiums;

/// <summary><c>POST /api/premiums</c>: the sharer pays a relative's individual contribution (代缴) once per person,
/// scheme and year, from the relative's quota or else from the sharer's unreserved balance.</summary>
public static class CreatePremium
{
    /// <summary>The function name.</summary>
    public const string Name = "CreatePremium";

    /// <summary>The largest premium accepted (one hundred thousand yuan).</summary>
    public const long MaxPremiumFen = 10_000_000;

    /// <summary>The schemes a premium may be paid for.</summary>
    public static readonly string[] Schemes = ["resident", "long-term-care"];

    /// <summary>The body.</summary>
    public sealed record Request(string ForPersonId, string Scheme, int Year, long AmountFen);

    /// <summary>The answer: the amount and the part paid from the quota and from the sharer's own balance.</summary>
    public sealed record Response(string Id, string ForPersonId, string Scheme, int Year, long AmountFen, long QuotaFen, long AccountFen);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/premiums", Handle).WithName(Name).WithTags("Families and money")
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Premiums are paid by the sharer of a relative.")
            .Accepts<Request>("application/json")
            .Produces<Response>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithIdempotencyKey(required: true)
            .WithSummary("Pay a relative's premium")
            .WithDescription(
                "The sharer of an active sharing relationship pays the relative's `resident` or `long-term-care` contribution for this "
                + "or next China year: wholly from the relative's quota when it holds the amount, else wholly from the sharer's "
                + "unreserved balance (422 `insufficient-balance`). Once per person, scheme and year (409 `premium-already-paid`); "
                + "422 `premium-not-allowed` where the sharer's policy version does not allow the scheme. Anyone else: 404.");

    private static async Task<IResult> Handle(
        HttpContext http, IdempotencyStore idempotency, PremiumDesk desk, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.GetCaller();
        if (IdempotentRequest.Require(http) is { } missingKey)
        {
            return missingKey.ToResult();
        }

        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        problem ??= Validate(body!.Value, Age.ChinaDate(clock.GetUtcNow()).Year);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var request = body!.Value;
        var freshId = Ids.New(clock);
        return await IdempotentRequest.Run(http, idempotency, caller.Id, Name, body.Raw, freshId,
            premiumId => desk.Pay(premiumId, premiumId == freshId, caller, request, ct), ct, resumable: true);
    }

    private static Problem? Validate(Request request, int chinaYear) => request switch
    {
        { ForPersonId: null or "" } => Problems.Invalid("forPersonId", "is required"),
        _ when !Schemes.Contains(request.Scheme) => Problems.Invalid("scheme", "must be resident or long-term-care"),
        { Year: var year } when year != chinaYear && year != chinaYear + 1 => Problems.Invalid("year", "must be this China year or the next"),
        { AmountFen: <= 0 or > MaxPremiumFen } => Problems.Invalid("amountFen", $"must be between 1 and {MaxPremiumFen} fen"),
        _ => null,
    };
}
