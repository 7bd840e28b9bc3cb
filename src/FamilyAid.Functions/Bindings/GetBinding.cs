using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Bindings.Workflow;

namespace FamilyAid.Functions.Bindings;

/// <summary><c>GET /api/bindings/{id}</c>: the request and its timeline (authorizer, member, or a reviewer of its region).</summary>
public static class GetBinding
{
    /// <summary>The function name.</summary>
    public const string Name = "GetBinding";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/bindings/{id}", Handle).WithName(Name).WithTags("Binding requests")
            .Produces<BindingView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Read a binding request")
            .WithDescription(
                "Its status, documents, timeline (its `requested` entry and `policyVersion` name the policy version that judges it) and what is due when, for its authorizer, its member and a reviewer of its region; "
                + "anyone else gets 404. The status moves on by itself (timers, review, face check): poll this route.");

    private static async Task<IResult> Handle(string id, HttpContext http, BindingStreamStore streams, PolicyBook policies, CancellationToken ct)
    {
        var loaded = await streams.Load(id, ct);
        if (loaded is null || BindingAccessRules.Of(http.GetCaller(), loaded.State) == BindingAccess.None)
        {
            return Problems.NotFound().ToResult();
        }

        // The header keeps the timeline beside the events (one read); a header written before it did is read with its events.
        return loaded.Timeline is { } timeline
            ? TypedResults.Ok(BindingView.Of(loaded.State, timeline, policies))
            : TypedResults.Ok(BindingView.Of(loaded.State, await streams.Events(id, ct), policies));
    }
}
