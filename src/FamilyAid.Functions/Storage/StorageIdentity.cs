using Azure.Core;
using Azure.Identity;
using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Storage;

/// <summary>The storage account reached by managed identity instead of a connection string, named as the Functions
/// host names it: <c>AzureWebJobsStorage__accountName</c>, or the service URIs; <c>__clientId</c> picks a
/// user-assigned identity.</summary>
/// <param name="Blob">The blob endpoint.</param>
/// <param name="Queue">The queue endpoint.</param>
/// <param name="Table">The table endpoint.</param>
/// <param name="ClientId">The user-assigned identity's client id; null for the system-assigned one or a developer's sign-in.</param>
public sealed record StorageIdentity(Uri Blob, Uri Queue, Uri Table, string? ClientId)
{
    private const string Section = "AzureWebJobsStorage";
    private static readonly string[] Services = ["blob", "queue", "table"];

    /// <summary>The identity settings, or null when none is given (then a connection string is needed).</summary>
    public static StorageIdentity? Read(IConfiguration config)
    {
        var account = config[$"{Section}:accountName"];
        var uris = Services.Select(service => Endpoint(config, account, service)).ToArray();
        if (uris.All(u => u is null))
        {
            return null;
        }

        var missing = Array.IndexOf(uris, null);
        if (missing >= 0)
        {
            throw SettingsReader.Bad($"{Section}:{Services[missing]}ServiceUri",
                $"is missing: without {Section}:accountName every service URI is needed (blob, queue and table)");
        }

        var clientId = config[$"{Section}:clientId"];
        return new StorageIdentity(uris[0]!, uris[1]!, uris[2]!, string.IsNullOrWhiteSpace(clientId) ? null : clientId);
    }

    /// <summary>The credential the clients sign in with: the managed identity in Azure, a developer's sign-in locally.</summary>
    public TokenCredential Credential() =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId });

    private static Uri? Endpoint(IConfiguration config, string? account, string service)
    {
        var name = $"{Section}:{service}ServiceUri";
        var text = config[name];
        if (!string.IsNullOrWhiteSpace(text))
        {
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? uri
                : throw SettingsReader.Bad(name, "must be an absolute http(s) URI");
        }

        if (string.IsNullOrWhiteSpace(account))
        {
            return null;
        }

        return System.Text.RegularExpressions.Regex.IsMatch(account, "^[a-z0-9]{3,24}$")
            ? new Uri($"https://{account}.{service}.core.windows.net")
            : throw SettingsReader.Bad($"{Section}:accountName", "must be a storage account name (3-24 lower-case letters and digits)");
    }
}
