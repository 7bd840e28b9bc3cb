namespace FamilyAid.Functions.Workflow;

/// <summary>A command lost the race for its request every time it tried; the caller may simply try again.</summary>
public sealed class ConcurrentUpdateException(string bindingId, Exception inner)
    : Exception($"Request {bindingId} changed under every attempt.", inner);
