using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Families;

/// <summary>An active relationship as a family group sees it: who authorizes, who is a member, of which kind, where.</summary>
public sealed record GroupRelationship(string Id, string AuthorizerId, string MemberId, BindingKind Kind, Relation Relation, string Region);
