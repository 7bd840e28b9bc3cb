using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>Blob function <c>ImportDropped</c>: a file the platform put under <c>imports/drop/</c> becomes an import.
/// The import's id is made from the blob's name and ETag, so a file noticed twice is imported once, and a file
/// replaced under the same name is imported again.</summary>
public sealed class ImportDropped(ImportStore store, ImportStorage storage, TimeProvider clock) : IBlobFunction
{
    /// <summary>The function name (and its function.json folder).</summary>
    public const string FunctionName = "ImportDropped";

    /// <inheritdoc />
    public string Name => FunctionName;

    /// <inheritdoc />
    public async Task Run(string blobName, CancellationToken ct)
    {
        if (!blobName.StartsWith(ImportStorage.DropPrefix, StringComparison.Ordinal))
        {
            return;
        }

        await storage.Ready(ct);
        var properties = (await storage.Container.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: ct)).Value;
        var id = Keys.Hash($"{blobName}\n{properties.ETag}");
        await store.Create(id, blobName, "drop", properties.ContentLength, clock.GetUtcNow(), ct);
        // Queued again when it existed: the crash may have come between the row and the pointer (a spare pointer to a
        // finished import does nothing).
        if (await store.Get(id, ct) is { Status: ImportStatus.Queued })
        {
            await storage.Enqueue(id, null, ct);
        }
    }
}
