namespace FamilyAid.Functions.Storage;

/// <summary>A change lost the race for its row under every attempt <see cref="Optimistic"/> allows; the caller may
/// simply try again.</summary>
public sealed class ConcurrentUpdateException(string subject)
    : Exception($"{subject} changed under every attempt.");
