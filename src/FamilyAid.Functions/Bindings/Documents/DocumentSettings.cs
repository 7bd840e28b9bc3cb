using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Bindings.Documents;

/// <summary>Limits on uploaded documents and on the links that show them.</summary>
/// <param name="MaxBytes"><c>Documents:MaxBytes</c>: the largest upload (10 MiB by default).</param>
/// <param name="LinkLifetime"><c>Documents:LinkMinutes</c>: how long a reviewer's link to a document works (5 minutes by default).</param>
public sealed record DocumentSettings(long MaxBytes, TimeSpan LinkLifetime)
{
    /// <summary>Reads and checks the <c>Documents</c> settings.</summary>
    public static DocumentSettings Read(IConfiguration config) => new(
        SettingsReader.Positive(config, "Documents:MaxBytes", 10L * 1024 * 1024),
        TimeSpan.FromMinutes(SettingsReader.Positive(config, "Documents:LinkMinutes", 5)));
}
