using Azure.Storage;
using Azure.Storage.Blobs.Models;
using FamilyAid.Functions.Bindings.Documents;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>Takes an uploaded file: streamed to the imports container in 4 MiB blocks (never held whole), then a queued
/// import and its pointer.</summary>
public sealed class ImportUploads(ImportStore store, ImportStorage storage, ImportSettings settings, TimeProvider clock)
{
    private static readonly StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = 4 * 1024 * 1024,
        MaximumTransferSize = 4 * 1024 * 1024,
        MaximumConcurrency = 1,
    };

    /// <summary>Stores <paramref name="body"/> as a new import and queues it; its id, or null when the body passed
    /// <see cref="ImportSettings.MaxBytes"/> (nothing is kept: the blob is committed only at the end).</summary>
    public async Task<string?> Take(Stream body, ImportFormat format, CancellationToken ct)
    {
        await storage.Ready(ct);
        var id = Ids.New(clock);
        var blobName = ImportStorage.UploadOf(id, format);
        using var metered = new MeteredStream(ReadOnlyMemory<byte>.Empty, body, settings.MaxBytes);
        try
        {
            await storage.Container.GetBlobClient(blobName).UploadAsync(metered, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = format == ImportFormat.Csv ? ImportFormats.CsvMediaType : StartImport.MediaType },
                TransferOptions = Transfer,
                Conditions = new BlobRequestConditions { IfNoneMatch = Azure.ETag.All },
            }, ct);
        }
        catch (Exception e) when (e is DocumentTooLargeException || e.InnerException is DocumentTooLargeException)
        {
            return null;
        }

        await store.Create(id, blobName, "upload", metered.Length64, clock.GetUtcNow(), ct);
        await storage.Enqueue(id, null, ct);
        return id;
    }
}
