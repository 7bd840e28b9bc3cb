using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Families;

/// <summary>Which family group a caller sees, and how much of it (the rules behind <c>GET /api/families/mine</c>).</summary>
public static class FamilyGroup
{
    /// <summary>Whose group the caller sees: the one they authorize, else the one they are a member of (a sharing
    /// membership first); null when they are in none.</summary>
    /// <param name="callerId">The caller.</param>
    /// <param name="callers">The caller's own relationships.</param>
    public static string? AuthorizerFor(string callerId, IReadOnlyList<GroupRelationship> callers) =>
        callers.Any(r => r.AuthorizerId == callerId)
            ? callerId
            : (callers.FirstOrDefault(r => r.MemberId == callerId && r.Kind == BindingKind.Sharing)
               ?? callers.FirstOrDefault(r => r.MemberId == callerId))?.AuthorizerId;

    /// <summary>What <paramref name="callerId"/> sees of <paramref name="authorizerId"/>'s group, given the authorizer's
    /// relationships.</summary>
    /// <remarks>Money is visible to the authorizer and to sharing members; a proxy (亲情账户) has nothing to do with it.
    /// A pool region's members spend the pool; a direct region's members spend the authorizer's account.</remarks>
    public static FamilySight Sight(string callerId, string authorizerId, IReadOnlyList<GroupRelationship> authorizers)
    {
        var isAuthorizer = callerId == authorizerId;
        var members = authorizers.Where(r => r.AuthorizerId == authorizerId).ToList();
        var sharing = members.Where(r => r.Kind == BindingKind.Sharing && (isAuthorizer || r.MemberId == callerId)).ToList();
        var pooled = sharing.Any(r => RegionPolicy.For(r.Region)?.Funding == FundingMode.Pool);
        var direct = sharing.Any(r => RegionPolicy.For(r.Region)?.Funding != FundingMode.Pool);
        return new FamilySight(authorizerId, isAuthorizer, members, pooled, isAuthorizer || direct);
    }
}
