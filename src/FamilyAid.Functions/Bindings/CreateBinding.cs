using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Hosting;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.Privacy;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Workflow;

namespace FamilyAid.Functions.Bindings;

/// <summary><c>POST /api/bindings</c>: the authorizer opens a binding request for a relative.</summary>
public static class CreateBinding
{
    /// <summary>The function name.</summary>
    public const string Name = "CreateBinding";

    /// <summary>The relative to bind; a newborn child's 出生医学证明 number may stand in for the 户口本 pages.</summary>
    public sealed record MemberInput(string ResidentId, string Name, string Phone, string? BirthCertificateNumber = null);

    /// <summary>The body; <c>commitmentConfirmed</c> is the in-app commitment where the region takes one (甘肃).</summary>
    public sealed record Request(BindingKind Kind, string Region, Relation Relation, MemberInput Member, bool CommitmentConfirmed = false);

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
                + "`relation-not-allowed`, `already-in-group`, `duplicate-request`.");

    private static async Task<IResult> Handle(
        HttpContext http, IdempotencyStore idempotency, InsuredStore insured, RelationshipStore relationships,
        PersonBindingIndex index, BindingStreamStore streams, BindingDecider decider, BindingWorkflow workflow, AuditLog audit, TimeProvider clock,
        ResidentIdProtector protector, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var request = body!.Value;
        var policy = RegionPolicy.For(request.Region);
        if (policy is null)
        {
            return new Problem(400, "unknown-region", "Unknown region.", $"Known regions: {string.Join(", ", RegionPolicy.All.Keys)}.").ToResult();
        }

        if (!ResidentId.TryParse(request.Member.ResidentId, Age.ChinaDate(clock.GetUtcNow()), out var memberResidentId))
        {
            return Problems.InvalidResidentId("member.residentId").ToResult();
        }

        if ((Text.Check("member.name", request.Member.Name, 50) ?? Text.CheckPhone("member.phone", request.Member.Phone)) is { } invalid)
        {
            return invalid.ToResult();
        }

        BirthCertificateNumber? birthCertificate = null;
        if (request.Member.BirthCertificateNumber is not null &&
            !BirthCertificateNumber.TryParse(request.Member.BirthCertificateNumber, out birthCertificate))
        {
            return BindingProblems.InvalidBirthCertificateNumber().ToResult();
        }

        return await IdempotentRequest.Run(http, idempotency, caller.Id, Name, body.Raw, Ids.New(clock), async bindingId =>
        {
            // A retry after a crash finds the request it created already.
            if (await streams.Load(bindingId, ct) is { } existing)
            {
                return Created(existing.State);
            }

            // The facts are independent reads: load them side by side.
            var authorizerTask = insured.Get(caller.Id, ct);
            var authorizerRelationshipsTask = relationships.Active(caller.Id, ct);
            var member = await insured.Find(memberResidentId, ct);
            var memberRelationshipsTask = member is null ? Task.FromResult<IReadOnlyList<ActiveRelationship>>([]) : relationships.Active(member.Person.Id, ct);
            var guard = member is null ? null : await index.GuardOf(caller.Id, member.Person.Id, request.Kind, ct);
            var openRequests = new List<OpenRequest>();
            if (guard is not null && guard.BindingId != bindingId)
            {
                // The guard's request is open while it is not final — or, with no stream yet, while its create may still be writing.
                var other = await streams.Load(guard.BindingId, ct);
                if (other is null ? clock.GetUtcNow() - guard.TakenAt < PersonBindingIndex.CreateGrace : !other.State.Status.IsFinal())
                {
                    openRequests.Add(new OpenRequest(member!.Person.Id, request.Kind));
                }
            }

            var facts = new IntakeFacts(
                (await authorizerTask)?.Person,
                member?.Person,
                await authorizerRelationshipsTask,
                await memberRelationshipsTask,
                openRequests);
            var command = new RequestBinding(
                bindingId, caller.Id, request.Kind, policy, request.Relation, request.Member.Name,
                memberResidentId.Masked, request.CommitmentConfirmed, facts)
            {
                BirthCertificate = birthCertificate is null ? null : Proof(protector.Seal(birthCertificate), birthCertificate),
            };
            var decision = decider.Decide(null, command, clock.GetUtcNow());
            if (decision.Refusal is { } refusal)
            {
                return Answer.From(BindingProblems.For(refusal));
            }

            if (!await index.Register(bindingId, caller.Id, member!.Person.Id, request.Kind, guard, ct))
            {
                return Answer.From(BindingProblems.For(BindingRefusal.DuplicateRequest));
            }

            var after = await workflow.Create(bindingId, decision, ct);
            await audit.Record(caller, "binding-requested", bindingId,
                $"{Wire.Name(request.Kind)} {request.Region} {Wire.Name(request.Relation)}{(birthCertificate is null ? "" : " proof=birth-certificate")}", ct);
            return Created(after.State);
        }, ct);
    }

    // Only the sealed copy and the masked form are kept: the number is an identity number like a resident ID.
    private static BirthCertificateProof Proof(ResidentIdProtector.Sealed sealedNumber, BirthCertificateNumber number) =>
        new(number.Masked, sealedNumber.KeyId, sealedNumber.Data);

    private static Answer Created(BindingState state) =>
        Answer.Json(StatusCodes.Status201Created, new Response(state.Id, state.Status, state.RequiredDocuments, state.FaceCheckRequired));
}
