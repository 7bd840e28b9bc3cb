using System.Globalization;
using System.Text.Json;

namespace FamilyAid.Functions.Triggers;

/// <summary>The queue settings of host.json (<c>extensions.queues</c>), which the local runner obeys as the host does.</summary>
/// <remarks><paramref name="NewBatchThreshold"/> is null where host.json leaves it out: the host then takes half the batch.</remarks>
public sealed record QueueSettings(int BatchSize, int MaxDequeueCount, TimeSpan VisibilityTimeout, TimeSpan MaxPollingInterval, int? NewBatchThreshold = null)
{
    /// <summary>Messages still running at which the next batch is fetched (so at most batch + threshold run at once).</summary>
    public int Threshold => NewBatchThreshold ?? BatchSize / 2;

    /// <summary>The Functions host's defaults.</summary>
    public static readonly QueueSettings Defaults = new(16, 5, TimeSpan.Zero, TimeSpan.FromMinutes(1));

    /// <summary>Reads host.json; missing values keep the host's defaults.</summary>
    public static QueueSettings Load(string hostJsonPath)
    {
        if (!File.Exists(hostJsonPath))
        {
            return Defaults;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath));
        if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
        {
            return Defaults;
        }

        return new QueueSettings(
            queues.TryGetProperty("batchSize", out var batch) ? batch.GetInt32() : Defaults.BatchSize,
            queues.TryGetProperty("maxDequeueCount", out var max) ? max.GetInt32() : Defaults.MaxDequeueCount,
            queues.TryGetProperty("visibilityTimeout", out var visibility) ? Span(visibility) : Defaults.VisibilityTimeout,
            queues.TryGetProperty("maxPollingInterval", out var polling) ? Span(polling) : Defaults.MaxPollingInterval,
            queues.TryGetProperty("newBatchThreshold", out var threshold) ? threshold.GetInt32() : null);
    }

    private static TimeSpan Span(JsonElement value) => TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
