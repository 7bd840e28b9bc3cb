using System.Globalization;
using System.Text.Json;

namespace FamilyAid.Functions.Triggers;

/// <summary>The queue settings of host.json (<c>extensions.queues</c>), which the local runner obeys as the host does.</summary>
public sealed record QueueSettings(int BatchSize, int MaxDequeueCount, TimeSpan VisibilityTimeout, TimeSpan MaxPollingInterval)
{
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
            queues.TryGetProperty("maxPollingInterval", out var polling) ? Span(polling) : Defaults.MaxPollingInterval);
    }

    private static TimeSpan Span(JsonElement value) => TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
