namespace FamilyAid.Functions.Triggers;

/// <summary>A blob-triggered function: run for each new or changed blob under its function.json path (at least once:
/// it must be idempotent).</summary>
public interface IBlobFunction
{
    /// <summary>The function name.</summary>
    string Name { get; }

    /// <summary>Handles the blob <paramref name="blobName"/> (its name inside the container, without the container).</summary>
    Task Run(string blobName, CancellationToken ct);
}
