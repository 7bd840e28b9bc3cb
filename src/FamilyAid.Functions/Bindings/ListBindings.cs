using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Bindings.Workflow;

namespace FamilyAid.Functions.Bindings;

/// <summary><c>GET /api/bindings</c>: the caller's requests, as authorizer or member, newest first.</summary>
public static class ListBindings
{
    /// <summary>The function name.</summary>
    public const string Name = "ListBindings";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/bindings", Handle).WithName(Name).WithTags("Binding requests")
            .Produces<IReadOnlyList<BindingSummary>>()
            .WithSummary("List my binding requests")
            .WithDescription("Every request in which the caller is the authorizer or the member, with the caller's `role`, newest first. Not paged.");

    private static async Task<IResult> Handle(HttpContext http, PersonBindingIndex index, BindingStreamStore streams, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var ids = await index.BindingsOf(caller.Id, ct);
        var loaded = await Task.WhenAll(ids.Select(id => streams.Load(id, ct)));
        // A listing row whose stream was never committed (a crash mid-create) is skipped.
        var rows = loaded.OfType<LoadedBinding>()
            .Select(b => (b.State, Access: BindingAccessRules.Of(caller, b.State)))
            .Where(b => b.Access is BindingAccess.Authorizer or BindingAccess.Member)
            .Select(b => new BindingSummary(
                b.State.Id, b.State.Kind, b.State.Region, b.State.Relation, b.State.ShownStatus(),
                b.Access == BindingAccess.Authorizer ? "authorizer" : "member",
                new MemberView(b.State.MemberName, b.State.MemberIdMasked), b.State.RequestedAt, b.State.DueAt))
            .ToList();
        return TypedResults.Ok(rows);
    }
}
