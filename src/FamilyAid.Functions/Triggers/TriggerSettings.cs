using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Triggers;

/// <summary>Whether this process runs its own triggers (no Functions host: <c>./run.sh</c>, tests), and local overrides of host.json.</summary>
/// <param name="RunLocally"><c>Triggers:Local</c>: true locally; false under the Functions host, which invokes the functions itself.</param>
/// <param name="PollInterval"><c>Triggers:PollMilliseconds</c>: idle wait between empty polls (host.json maxPollingInterval otherwise).</param>
/// <param name="VisibilityTimeout"><c>Triggers:VisibilityTimeoutSeconds</c>: how long a failed message stays hidden.</param>
/// <param name="Prefix">The storage prefix (for the lock container).</param>
public sealed record TriggerSettings(bool RunLocally, TimeSpan? PollInterval, TimeSpan? VisibilityTimeout, string Prefix)
{
    /// <summary>Reads and checks the <c>Triggers</c> settings (and the storage prefix).</summary>
    public static TriggerSettings Read(IConfiguration config) => new(
        SettingsReader.Flag(config, "Triggers:Local"),
        config["Triggers:PollMilliseconds"] is null ? null : TimeSpan.FromMilliseconds(SettingsReader.Positive(config, "Triggers:PollMilliseconds", 1000)),
        config["Triggers:VisibilityTimeoutSeconds"] is null ? null : TimeSpan.FromSeconds(SettingsReader.Positive(config, "Triggers:VisibilityTimeoutSeconds", 30)),
        Storage.StorageSettings.ReadPrefix(config));
}
