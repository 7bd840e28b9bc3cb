using FamilyAid.Functions.Callers;

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
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> Handle(string id, HttpContext http, AuthorizerCommands commands, CancellationToken ct)
    {
        var (after, problem) = await commands.Execute(id, http.GetCaller(), new Domain.Bindings.SubmitBinding(), ct);
        return problem is not null
            ? problem.ToResult()
            : TypedResults.Accepted($"/api/bindings/{id}", new StatusView(after!.ShownStatus()));
    }
}
