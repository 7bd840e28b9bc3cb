using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace FamilyAid.Functions.Bindings.Documents;

/// <summary>Binding documents in the private container, one blob per upload (never overwritten, so an upload
/// that fails to be recorded cannot replace the document the request points at).</summary>
public sealed class DocumentStore(BlobContainerClient container, TimeProvider clock)
{
    private UserDelegationKey? delegationKey;

    /// <summary>Blocks of 1 MiB: the SDK holds one block at a time, never the whole document.</summary>
    private static readonly StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = 1024 * 1024,
        MaximumTransferSize = 1024 * 1024,
        MaximumConcurrency = 1,
    };

    /// <summary>Streams <paramref name="content"/> to <paramref name="blobName"/>; <paramref name="declaredLength"/> is the
    /// request's Content-Length, if it sent one.</summary>
    public async Task Upload(string blobName, Stream content, string contentType, long? declaredLength, CancellationToken ct)
    {
        using var whole = declaredLength <= Transfer.InitialTransferSize ? new MemoryStream((int)declaredLength.Value) : null;
        if (whole is not null)
        {
            // A document that fits in one block is read whole first (the block the SDK would hold anyway): a stream of
            // known length goes as one Put Blob, where the request body, of no length for the SDK, takes Put Block and
            // Put Block List (issue 16: storage requests are what a flow costs Azurite).
            await content.CopyToAsync(whole, ct);
            whole.Position = 0;
        }

        try
        {
            await container.GetBlobClient(blobName).UploadAsync(whole ?? content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                TransferOptions = Transfer,
                Conditions = new BlobRequestConditions { IfNoneMatch = Azure.ETag.All },
            }, ct);
        }
        catch (Azure.RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // The name is this upload's own: the client retried a commit that had been applied (a lost answer).
        }
    }

    /// <summary>Signs read-only links that stop working at <paramref name="expiresOn"/>: with the account key, or, when storage
    /// is reached by identity, with a user delegation key (fetched once a day and kept).</summary>
    public async Task<DocumentLinks> Links(DateTimeOffset expiresOn, CancellationToken ct)
    {
        if (container.CanGenerateSasUri)
        {
            return new DocumentLinks(container, null, expiresOn);
        }

        var key = delegationKey;
        if (key is null || key.SignedExpiresOn < expiresOn)
        {
            // Two requests may both fetch one; either key signs as well.
            var now = clock.GetUtcNow();
            key = delegationKey = (await container.GetParentBlobServiceClient()
                .GetUserDelegationKeyAsync(now.AddMinutes(-5), expiresOn.AddDays(1), ct)).Value;
        }

        return new DocumentLinks(container, key, expiresOn);
    }

    /// <summary>Removes a blob an upload left behind; ignores one that is not there.</summary>
    public Task Delete(string blobName) => container.GetBlobClient(blobName).DeleteIfExistsAsync();
}
