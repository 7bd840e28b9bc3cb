namespace FamilyAid.Domain.Ledger;

/// <summary>A payment code (展码) as issued: whose it is, the relationship it is bound to, until when it works, and the
/// settlement that used it (codes are single-use).</summary>
/// <param name="IssuedBy">The proxy who showed it for <paramref name="PersonId"/> (an e-voucher, 亲情账户); null when the
/// person got it themselves.</param>
public sealed record PaymentCodeGrant(
    string CodeId, string PersonId, string? RelationshipId, DateTimeOffset ExpiresAt, string? UsedBy, string? IssuedBy = null)
{
    /// <summary>Whether settlement <paramref name="settlementId"/> may use the code at <paramref name="now"/>: its relationship still
    /// active, and the code unused and unexpired, or already used by this very settlement (its retry).</summary>
    /// <param name="relationshipActive">Whether the code's relationship (if any) is still active.</param>
    public bool UsableBy(string settlementId, DateTimeOffset now, bool relationshipActive) =>
        relationshipActive && (UsedBy == settlementId || (UsedBy is null && now < ExpiresAt));
}
