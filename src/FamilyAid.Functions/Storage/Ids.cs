namespace FamilyAid.Functions.Storage;

/// <summary>New ids: version-7 GUIDs from the app's clock, so that they sort by creation time.</summary>
public static class Ids
{
    /// <summary>A new opaque id (32 lower-case hex characters).</summary>
    public static string New(TimeProvider clock) => Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
}
