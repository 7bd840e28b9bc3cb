using FamilyAid.Domain.Identity;
using FamilyAid.Functions.Audit;
using FamilyAid.Domain.Insurance;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Insured;

/// <summary><c>POST /api/admin/insured</c>: creates or updates an insured person (admin; stands in for the provincial platform).</summary>
public static partial class UpsertInsured
{
    /// <summary>The function name (and its function.json folder).</summary>
    public const string Name = "UpsertInsured";

    /// <summary>The body.</summary>
    public sealed record Request(
        string ResidentId, string Name, string Phone, InsuranceType InsuranceType, InsuranceStatus Status, string Region, long PersonalAccountFen);

    /// <summary>The answer.</summary>
    public sealed record Response(string Id);

    /// <summary>How often an upsert decides again after another upsert of the same person wrote first.</summary>
    public const int MaxAttempts = 10;

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
        HttpContext http, InsuredStore store, AccountLedger ledger, AccountOpener opener, AuditLog audit, TimeProvider clock,
        ILogger<InsuredStore> logger, CancellationToken ct)
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

        // The platform's figure opens the personal account; a later, different figure is written with the adjustment
        // it owes the ledger (one write, guarded by the record's ETag), then posted under that adjustment's key. An
        // adjustment a crash left unposted is posted by the next upsert, before anything else.
        for (var attempt = 1; ; attempt++)
        {
            var before = await store.Find(residentId, ct);
            if (before?.Adjustment is { } owed && await PostAdjustment(opener, ledger, before.Person.Id, owed, ct) is { } stillOwed)
            {
                return stillOwed.ToResult();
            }

            PlatformAdjustment? adjustment = null;
            if (before is not null && before.PersonalAccountFen != request.PersonalAccountFen)
            {
                var delta = request.PersonalAccountFen - before.PersonalAccountFen;
                if (delta < 0 && await opener.Open(AccountId.Personal(before.Person.Id), ct)
                    && (await ledger.Balance(AccountId.Personal(before.Person.Id).Value, ct))?.BalanceFen + delta < 0)
                {
                    return InsufficientBalance().ToResult();
                }

                adjustment = new PlatformAdjustment($"platform/{Ids.New(clock)}", delta);
            }

            var id = await store.Upsert(
                residentId, request.Name.Trim(), request.Phone, request.InsuranceType, request.Status, request.Region,
                request.PersonalAccountFen, adjustment, before, Ids.New(clock), ct);
            if (id is null)
            {
                if (attempt == MaxAttempts)
                {
                    return new Problem(409, "concurrent-update", "This person's record changed while this was decided; try again.").ToResult();
                }

                // Another upsert of this person wrote first: read again and decide again.
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct);
                continue;
            }

            if (before is null)
            {
                await ledger.Open(AccountId.Personal(id).Value, request.PersonalAccountFen, ct);
            }
            else if (adjustment is not null && await PostAdjustment(opener, ledger, id, adjustment, ct) is not null)
            {
                // Family spending between the check above and the posting took the money; the record keeps the adjustment
                // owed and the next upsert (the platform's next figure) posts it or says why it cannot.
                LogAdjustmentOwed(logger, id, adjustment.DeltaFen);
            }

            await audit.Record(http.GetCaller(), "insured-upserted", id, $"{Wire.Name(request.InsuranceType)} {Wire.Name(request.Status)} {request.Region}", ct);
            // The contract (docs/API.md) fixes 201 for both the first call and an update of the same resident ID.
            return TypedResults.Created($"/api/admin/insured/{id}", new Response(id));
        }
    }

    /// <summary>Posts <paramref name="adjustment"/> (once, by its key); the problem to answer when it cannot be.</summary>
    private static async Task<Problem?> PostAdjustment(
        AccountOpener opener, AccountLedger ledger, string personId, PlatformAdjustment adjustment, CancellationToken ct)
    {
        var account = AccountId.Personal(personId);
        await opener.Open(account, ct);
        var outcome = await ledger.Post(account.Value, new Posting(adjustment.Key, adjustment.DeltaFen, "platform-adjustment", null), ct);
        return outcome.Refusal == PostingRefusal.InsufficientBalance ? InsufficientBalance() : null;
    }

    private static Problem InsufficientBalance() =>
        new(422, "insufficient-balance", "The account holds less than this adjustment takes away.",
            "Family spending since the last figure was reported has used the difference.");

    [LoggerMessage(LogLevel.Warning, "Platform adjustment of {DeltaFen} fen for {PersonId} could not be posted (spent meanwhile); it stays owed on the record.")]
    private static partial void LogAdjustmentOwed(ILogger logger, string personId, long deltaFen);
}
