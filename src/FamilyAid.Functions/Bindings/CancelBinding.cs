using FamilyAid.Functions.Callers;

namespace FamilyAid.Functions.Bindings;

/// <summary><c>POST /api/bindings/{id}/cancel</c>: the authorizer withdraws a request that is not final.</summary>
public static class CancelBinding
{
    /// <summary>The function name.</summary>
    public const string Name = "CancelBinding";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/bindings/{id}/cancel", Handle).WithName(Name).WithTags("Binding requests")
            .Produces<StatusView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a binding request")
            .WithDescription("Its authorizer cancels it at any open step; 409 `already-final` once it has ended.");

    private static async Task<IResult> Handle(string id, HttpContext http, AuthorizerCommands commands, CancellationToken ct)
    {
        var (after, problem) = await commands.Execute(id, http.GetCaller(), new Domain.Bindings.CancelBinding(), ct);
        return problem is not null ? problem.ToResult() : TypedResults.Ok(new StatusView(after!.ShownStatus()));
    }
}
