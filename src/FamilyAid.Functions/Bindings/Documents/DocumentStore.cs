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

    /// <summary>Streams <paramref name="content"/> to <paramref name="blobName"/>.</summary>
    public async Task Upload(string blobName, Stream content, string contentType, CancellationToken ct)
    {
        try
        {
            await container.GetBlobClient(blobName).UploadAsync(content, new BlobUploadOptions
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
