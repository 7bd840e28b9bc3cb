using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Bindings;

/// <summary><c>POST /api/bindings</c>: the authorizer opens a binding request for a relative.</summary>
public static class CreateBinding
{
    /// <summary>The function name.</summary>
    public const string Name = "CreateBinding";

    /// <summary>The relative to bind; a newborn child's 出生医学证明 number may stand in for the 户口本 pages.</summary>
    public sealed record MemberInput(string ResidentId, string Name, string Phone, string? BirthCertificateNumber = null);

    /// <summary>The body; <c>commitmentConfirmed</c> is the in-app commitment where the region takes one (甘肃).</summary>
    public sealed record Request(BindingKind Kind, string Region, Relation Relation, MemberInput Member, bool CommitmentConfirmed = false)
    {
        /// <summary>Checks the fields in the order their problems take precedence; <paramref name="today"/> is China's
        /// date, which no birth date in a resident ID may follow; the region must have versions in <paramref name="policies"/>.</summary>
        public (Parsed? Value, Problem? Problem) Parse(DateOnly today, PolicyBook policies)
        {
            if (!policies.Knows(Region))
            {
                return (null, Problems.UnknownRegion());
            }

            if (!ResidentId.TryParse(Member.ResidentId, today, out var memberResidentId))
            {
                return (null, Problems.InvalidResidentId("member.residentId"));
            }

            if ((Text.Check("member.name", Member.Name, 50) ?? Text.CheckPhone("member.phone", Member.Phone)) is { } invalid)
            {
                return (null, invalid);
            }

            BirthCertificateNumber? birthCertificate = null;
            if (Member.BirthCertificateNumber is not null && !BirthCertificateNumber.TryParse(Member.BirthCertificateNumber, out birthCertificate))
            {
                return (null, BindingProblems.InvalidBirthCertificateNumber());
            }

            return (new Parsed(this, memberResidentId, birthCertificate), null);
        }
    }

    /// <summary>A body that passed <see cref="Request.Parse"/>, with the values parsed from it.</summary>
    public sealed record Parsed(Request Request, ResidentId MemberResidentId, BirthCertificateNumber? BirthCertificate)
    {
        /// <summary>The application for the id the idempotency key reserved.</summary>
        public BindingApplication For(string bindingId, Caller caller) =>
            new(bindingId, caller, Request, MemberResidentId, BirthCertificate);
    }

    /// <summary>The answer.</summary>
    public sealed record Response(string Id, BindingStatus Status, IReadOnlyList<DocumentType> RequiredDocuments, bool FaceCheckRequired);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/bindings", Handle).WithName(Name).WithTags("Binding requests")
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Only an insured person opens binding requests.")
            .Accepts<Request>("application/json")
            .Produces<Response>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithIdempotencyKey(required: false)
            .WithSummary("Request a family binding")
            .WithDescription(
                "The applicant (the authorizer, the account holder) asks to bind a member as `sharing` (家庭共济) or `proxy` (亲情账户) "
                + "under a region's policy, and learns which documents it needs and whether the member must pass a face check. "
                + "Refusals come in this order: `authorizer-not-eligible`, `member-not-insured`, `member-mismatch`, "
                + "`relation-not-allowed`, `already-in-group`, `duplicate-request`, `proxy-limit` (a sixth person to act for). The request is judged by the policy version of its region "
                + "in force on its China date (GET /api/policies/{region}); sharing with a member insured in another province, with "
                + "`region` `national` or the sharer's, by the national cross-province rule, and before it opened (2026-01-09) it is "
                + "refused with `cross-province-not-open`.");

    private static async Task<IResult> Handle(
        HttpContext http, IdempotencyStore idempotency, BindingIntake intake, PolicyBook policies, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var (parsed, invalid) = body!.Value.Parse(Age.ChinaDate(clock.GetUtcNow()), policies);
        if (parsed is null)
        {
            return invalid!.ToResult();
        }

        // An id made just now names no request yet; one a key's earlier claim reserved may (a retry after a crash).
        var newId = Ids.New(clock);
        return await IdempotentRequest.Run(http, idempotency, caller.Id, Name, body.Raw, newId,
            async bindingId => Answered(await intake.Open(parsed.For(bindingId, caller), fresh: bindingId == newId, ct)), ct);
    }

    // The answer kept for a replay: the request (new, or found by a retry) or the refusal's problem.
    private static Answer Answered(BindingIntakeResult result) =>
        result.Refusal is { } refused ? Answer.From(BindingProblems.For(refused)) : Created(result.Request!);

    private static Answer Created(BindingState state) =>
        Answer.Json(StatusCodes.Status201Created, new Response(state.Id, state.Status, state.RequiredDocuments, state.FaceCheckRequired));
}
