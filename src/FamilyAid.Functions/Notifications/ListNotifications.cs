using FamilyAid.Functions.Callers;

namespace FamilyAid.Functions.Notifications;

/// <summary><c>GET /api/notifications</c>: the caller's own in-app notifications, newest first.</summary>
public static class ListNotifications
{
    /// <summary>The function name.</summary>
    public const string Name = "ListNotifications";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/notifications", Handle).WithName(Name).WithTags("Notifications")
            .Produces<IReadOnlyList<Notification>>()
            .WithSummary("List my notifications")
            .WithDescription(
                "The caller's in-app inbox (standing in for the notification channel), newest first; reviewers also get their "
                + "region's shared notices. Not paged.");

    // Reviewers also read their region's shared inbox (escalations).
    private static async Task<IResult> Handle(HttpContext http, InboxNotifier inbox, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var mine = await inbox.Of(caller.Id, ct);
        if (caller is { Role: CallerRole.Reviewer, Region: { } region })
        {
            mine = [.. mine, .. await inbox.Of(Domain.Bindings.BindingReactions.Reviewers(region), ct)];
        }

        return TypedResults.Ok(mine.OrderByDescending(n => n.At).ToList());
    }
}
