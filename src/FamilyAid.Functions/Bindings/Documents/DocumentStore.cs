using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace FamilyAid.Functions.Bindings.Documents;

/// <summary>Binding documents in the private container, one blob per upload (never overwritten, so an upload
/// that fails to be recorded cannot replace the document the request points at).</summary>
public sealed class DocumentStore(BlobContainerClient container)
{
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

    /// <summary>A read-only link to one blob that stops working at <paramref name="expiresOn"/>.</summary>
    /// <remarks>Signed with the account key here; an identity-based deployment signs with a user delegation key.</remarks>
    public Uri ReadLink(string blobName, DateTimeOffset expiresOn)
    {
        var blob = container.GetBlobClient(blobName);
        return blob.CanGenerateSasUri
            ? blob.GenerateSasUri(Azure.Storage.Sas.BlobSasPermissions.Read, expiresOn)
            : throw new InvalidOperationException("The storage client cannot sign links: configure a connection string with an account key.");
    }

    /// <summary>Removes a blob an upload left behind; ignores one that is not there.</summary>
    public Task Delete(string blobName) => container.GetBlobClient(blobName).DeleteIfExistsAsync();
}
