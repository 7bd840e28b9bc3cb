using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Storage;

/// <summary>Where the app keeps its data: by connection string, or by managed identity (<see cref="StorageIdentity"/>).</summary>
/// <param name="Connection"><c>AzureWebJobsStorage</c>: the storage account's connection string; null when reached by identity.</param>
/// <param name="Prefix"><c>Storage:Prefix</c>: put before every table, container and queue name (empty by default).</param>
/// <param name="Identity"><c>AzureWebJobsStorage__accountName</c> or the service URIs, used when there is no connection string.</param>
public sealed record StorageSettings(string? Connection, string Prefix, StorageIdentity? Identity = null)
{
    /// <summary>Reads and checks the storage settings: a connection string wins over identity settings.</summary>
    public static StorageSettings Read(IConfiguration config)
    {
        var connection = config["AzureWebJobsStorage"];
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return new(connection, ReadPrefix(config));
        }

        var identity = StorageIdentity.Read(config) ?? throw new SettingsException(
            "Setting 'AzureWebJobsStorage' (environment variable AzureWebJobsStorage) is missing: set a connection string, "
            + "or AzureWebJobsStorage__accountName (or __blobServiceUri, __queueServiceUri and __tableServiceUri) to use the managed identity.");
        return new(null, ReadPrefix(config), identity);
    }

    /// <summary>Reads and checks <c>Storage:Prefix</c> alone.</summary>
    public static string ReadPrefix(IConfiguration config)
    {
        var prefix = config["Storage:Prefix"] ?? "";
        return prefix.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(prefix, "^[a-z][a-z0-9]{0,15}$")
            ? throw SettingsReader.Bad("Storage:Prefix", "must be 1–16 lower-case letters and digits, starting with a letter")
            : prefix;
    }
}
