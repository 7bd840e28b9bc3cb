using FamilyAid.Domain.Identity;
using FamilyAid.Functions.Insured;

namespace FamilyAid.Functions.Proxy;

/// <summary>Reads a member's proxy actions as the member sees them: each proxy by masked name.</summary>
public sealed class ProxyActionLog(ProxyActions actions, InsuredStore insured)
{
    /// <summary>One action in the member's name.</summary>
    /// <param name="By">The proxy's name, masked (张*).</param>
    public sealed record ActionView(string Action, string By, DateTimeOffset At);

    /// <summary>A page: <see cref="NextBefore"/> asks for the next (older) page, null on the last.</summary>
    public sealed record Page(IReadOnlyList<ActionView> Actions, string? NextBefore);

    /// <summary>Up to <paramref name="take"/> actions in <paramref name="memberId"/>'s name, older than <paramref name="before"/>.</summary>
    public async Task<Page> Read(string memberId, string? before, int take, CancellationToken ct)
    {
        var entries = await actions.Of(memberId, before, take + 1, ct);
        var page = entries.Take(take).ToList();
        // A member has few proxies: one read each.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var actor in page.Select(e => e.ActorId).Distinct(StringComparer.Ordinal))
        {
            names[actor] = await insured.Get(actor, ct) is { } person ? PersonName.Mask(person.Person.Name) : "*";
        }

        return new Page(
            page.Select(e => new ActionView(e.Action, names[e.ActorId], e.At)).ToList(),
            entries.Count > take ? page[^1].Cursor : null);
    }
}
