using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Bindings;

/// <summary>Whether a new binding request may be opened, checked in the order the refusals are shown to people.</summary>
public static class BindingEligibility
{
    /// <summary>The first rule the request breaks, or null when it may be opened.</summary>
    public static BindingRefusal? Check(RequestBinding command)
    {
        var facts = command.Facts;
        var sharing = command.Kind == BindingKind.Sharing;

        var authorizer = facts.Authorizer;
        if (authorizer is null || (sharing ? !authorizer.MayAuthorizeSharing : !authorizer.IsInsured))
        {
            return BindingRefusal.AuthorizerNotEligible;
        }

        // The personal account follows its own region's rules; the national platform serves every region.
        if (sharing && command.Policy.Region != RegionPolicy.NationalRegion && authorizer.Region != command.Policy.Region)
        {
            return BindingRefusal.AuthorizerNotEligible;
        }

        var member = facts.Member;
        if (member is null)
        {
            return BindingRefusal.MemberNotInsured;
        }

        if (!string.Equals(member.Name.Trim(), command.MemberName.Trim(), StringComparison.Ordinal))
        {
            return BindingRefusal.MemberMismatch;
        }

        if (member.Id == authorizer.Id || (sharing && !command.Policy.AllowedRelations.Contains(command.Relation)))
        {
            return BindingRefusal.RelationNotAllowed;
        }

        // A proxy may act for someone whose insurance lapsed: paying their premium is one of the things it is for.
        if (sharing && !member.IsInsured)
        {
            return BindingRefusal.MemberNotInsured;
        }

        if (BreaksGroupRules(command, authorizer.Id, member.Id))
        {
            return BindingRefusal.AlreadyInGroup;
        }

        if (facts.AuthorizerOpenRequests.Any(r => r.MemberId == member.Id && r.Kind == command.Kind))
        {
            return BindingRefusal.DuplicateRequest;
        }

        return command.Kind == BindingKind.Proxy && ProxiedMembers(facts, authorizer.Id) >= ProxyLimit ? BindingRefusal.ProxyLimit : null;
    }

    /// <summary>How many people one person may act for (亲情账户), counting open requests; a member may have any number of proxies.</summary>
    public const int ProxyLimit = 5;

    /// <summary>The distinct people <paramref name="authorizerId"/> acts for or has an open proxy request for.</summary>
    public static int ProxiedMembers(IntakeFacts facts, string authorizerId) =>
        facts.AuthorizerRelationships.Where(r => r.Kind == BindingKind.Proxy && r.AuthorizerId == authorizerId).Select(r => r.MemberId)
            .Concat(facts.AuthorizerOpenRequests.Where(r => r.Kind == BindingKind.Proxy).Select(r => r.MemberId))
            .Distinct(StringComparer.Ordinal)
            .Count();

    private static bool BreaksGroupRules(RequestBinding command, string authorizerId, string memberId)
    {
        var facts = command.Facts;
        if (facts.AuthorizerRelationships.Any(r => r.AuthorizerId == authorizerId && r.MemberId == memberId && r.Kind == command.Kind))
        {
            return true;
        }

        if (command.Kind == BindingKind.Proxy)
        {
            return false;
        }

        // A member belongs to one sharing group at a time under every policy.
        var memberSharing = facts.MemberRelationships.Where(r => r.Kind == BindingKind.Sharing).ToList();
        if (memberSharing.Any(r => r.MemberId == memberId))
        {
            return true;
        }

        if (command.Policy.GroupLimit == GroupLimit.OneAsCreatorOneAsMember)
        {
            return false;
        }

        // One group in all: the member may not run a group of their own, nor the authorizer sit in another's.
        return memberSharing.Any(r => r.AuthorizerId == memberId) ||
               facts.AuthorizerRelationships.Any(r => r.Kind == BindingKind.Sharing && r.MemberId == authorizerId);
    }
}
