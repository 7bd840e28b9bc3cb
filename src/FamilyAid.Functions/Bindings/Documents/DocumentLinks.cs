using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace FamilyAid.Functions.Bindings.Documents;

/// <summary>Read-only links to documents that stop working at <paramref name="expiresOn"/>: signed with the account key
/// when the client has one (a connection string), else with <paramref name="delegationKey"/> (a user-delegation SAS,
/// when storage is reached by managed identity and shared keys are off).</summary>
public sealed class DocumentLinks(BlobContainerClient container, UserDelegationKey? delegationKey, DateTimeOffset expiresOn)
{
    /// <summary>The link to one blob.</summary>
    public Uri ReadLink(string blobName)
    {
        var blob = container.GetBlobClient(blobName);
        if (delegationKey is null)
        {
            return blob.CanGenerateSasUri
                ? blob.GenerateSasUri(BlobSasPermissions.Read, expiresOn)
                : throw new InvalidOperationException("The storage client has no account key and no user delegation key was given.");
        }

        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresOn)
        {
            BlobContainerName = container.Name,
            BlobName = blobName,
            Resource = "b",
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(delegationKey, blob.AccountName) }.ToUri();
    }
}
