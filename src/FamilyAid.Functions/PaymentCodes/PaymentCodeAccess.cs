using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.PaymentCodes;

/// <summary>Which relationship a caller's payment code may pay through (object-level authorization): only one the
/// caller takes part in.</summary>
public static class PaymentCodeAccess
{
    /// <summary>The relationship for a code of the caller's: <paramref name="requested"/> if it is one of theirs (else
    /// null: 404), or by default their sharing membership, then any other membership, then a relationship they
    /// authorize (null when they have none).</summary>
    public static RelationshipRecord? Through(Caller caller, IEnumerable<RelationshipRecord> relationships, string? requested)
    {
        var mine = relationships.Where(r => RelationshipAccessRules.Of(caller, r) != RelationshipAccess.None).ToList();
        return requested is not null
            ? mine.FirstOrDefault(r => r.Id == requested)
            : mine.FirstOrDefault(r => r.MemberId == caller.Id && r.Kind == BindingKind.Sharing)
                ?? mine.FirstOrDefault(r => r.MemberId == caller.Id)
                ?? mine.FirstOrDefault(r => r.Kind == BindingKind.Sharing)
                ?? (mine.Count > 0 ? mine[0] : null);
    }
}
