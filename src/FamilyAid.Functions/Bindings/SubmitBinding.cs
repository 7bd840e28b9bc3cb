using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Insured;

namespace FamilyAid.Functions.Bindings;

/// <summary><c>POST /api/bindings/{id}/submit</c>: the authorizer hands the request in; it moves to its next step.</summary>
public static class SubmitBinding
{
    /// <summary>The function name.</summary>
    public const string Name = "SubmitBinding";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/bindings/{id}/submit", Handle).WithName(Name).WithTags("Binding requests")
            .Produces<StatusView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Submit a binding request")
            .WithDescription(
                "Its authorizer submits it once every required document (and, where the policy takes it, the in-app commitment) is "
                + "there; 422 `missing-documents` lists what is still owed. The request then goes to review or to the face check, as "
                + "the region's policy and the member's age need.");

    private static async Task<IResult> Handle(string id, HttpContext http, AuthorizerCommands commands, InsuredStore insured, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var (loaded, problem) = await commands.Load(id, caller, ct);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        // The request keeps no birth date (beside the masked ID it would give the resident ID back): the face check is
        // decided on the date the member's insured record unseals. Insured records are never deleted.
        if (await insured.Get(loaded!.State.MemberId, ct) is not { } member)
        {
            return BindingProblems.For(Domain.Bindings.BindingRefusal.MemberNotInsured).ToResult();
        }

        var (_, after, refused) = await commands.Execute(loaded, caller, new Domain.Bindings.SubmitBinding(member.Person.BirthDate), ct);
        return refused is not null
            ? refused.ToResult()
            : TypedResults.Accepted($"/api/bindings/{id}", new StatusView(after!.ShownStatus()));
    }
}
