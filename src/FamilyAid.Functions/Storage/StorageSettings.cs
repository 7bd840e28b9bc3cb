using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Storage;

/// <summary>Where the app keeps its data.</summary>
/// <param name="Connection"><c>AzureWebJobsStorage</c>: the storage account's connection string.</param>
/// <param name="Prefix"><c>Storage:Prefix</c>: put before every table, container and queue name (empty by default).</param>
public sealed record StorageSettings(string Connection, string Prefix)
{
    /// <summary>Reads and checks the storage settings.</summary>
    public static StorageSettings Read(IConfiguration config) =>
        new(SettingsReader.Required(config, "AzureWebJobsStorage"), ReadPrefix(config));

    /// <summary>Reads and checks <c>Storage:Prefix</c> alone.</summary>
    public static string ReadPrefix(IConfiguration config)
    {
        var prefix = config["Storage:Prefix"] ?? "";
        return prefix.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(prefix, "^[a-z][a-z0-9]{0,15}$")
            ? throw SettingsReader.Bad("Storage:Prefix", "must be 1–16 lower-case letters and digits, starting with a letter")
            : prefix;
    }
}
