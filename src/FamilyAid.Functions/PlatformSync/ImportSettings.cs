using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>Limits and pace of platform imports.</summary>
/// <param name="MaxBytes"><c>Imports:MaxBytes</c>: the largest upload (2 GiB by default).</param>
/// <param name="CheckpointEvery"><c>Imports:CheckpointLines</c>: lines between checkpoints (1,000 by default); a crash
/// repeats at most this many, each of them idempotently.</param>
/// <param name="Concurrency"><c>Imports:Concurrency</c>: people applied at once (16 by default).</param>
/// <param name="Lease"><c>Imports:LeaseSeconds</c>: how long a runner's claim on an import lasts unless renewed (120 s).</param>
/// <param name="Slice"><c>Imports:SliceSeconds</c>: how long one run goes on before it checkpoints, lets go and queues
/// the rest (240 s: under the Functions host's time limit).</param>
public sealed record ImportSettings(long MaxBytes, int CheckpointEvery, int Concurrency, TimeSpan Lease, TimeSpan Slice)
{
    /// <summary>The longest line read (a longer one is refused as <c>line-too-long</c>).</summary>
    public const int MaxLineBytes = 16 * 1024;

    /// <summary>Reads and checks the <c>Imports</c> settings.</summary>
    public static ImportSettings Read(IConfiguration config) => new(
        SettingsReader.Positive(config, "Imports:MaxBytes", 2L * 1024 * 1024 * 1024),
        (int)SettingsReader.Positive(config, "Imports:CheckpointLines", 1000),
        (int)SettingsReader.Positive(config, "Imports:Concurrency", 16),
        TimeSpan.FromSeconds(SettingsReader.Positive(config, "Imports:LeaseSeconds", 120)),
        TimeSpan.FromSeconds(SettingsReader.Positive(config, "Imports:SliceSeconds", 240)));
}
