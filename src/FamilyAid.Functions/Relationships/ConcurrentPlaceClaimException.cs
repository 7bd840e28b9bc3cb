namespace FamilyAid.Functions.Relationships;

/// <summary>A member's group place kept changing hands while an activation tried to claim it; the effect is retried.</summary>
public sealed class ConcurrentPlaceClaimException(string memberId)
    : Exception($"The group place of member {memberId} kept changing while it was claimed.");
