using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace FamilyAid.Functions.Tests.PlatformSync;

/// <summary>Counts the storage requests one flow makes, as the bench does (<c>bench/…/StorageCalls.cs</c>): one "Request"
/// event of the Azure SDK's "Azure-Core" event source per HTTP attempt, kept only under the flow's tag (an
/// <see cref="AsyncLocal{T}"/>, so that other tests running beside it are not counted).</summary>
internal sealed class StorageRequests : EventListener
{
    private static readonly AsyncLocal<string?> Tag = new();

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> requests = new(StringComparer.Ordinal);

    /// <summary>Counts what <paramref name="flow"/> requests under <paramref name="tag"/>.</summary>
    public async Task<IReadOnlyList<string>> Of(string tag, Func<Task> flow)
    {
        requests[tag] = new();
        Tag.Value = tag;
        try
        {
            await flow();
        }
        finally
        {
            Tag.Value = null;
        }

        return [.. requests[tag]];
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName != "Request" || Tag.Value is not { } tag || eventData.Payload is null || eventData.PayloadNames is null
            || !requests.TryGetValue(tag, out var seen))
        {
            return;
        }

        var method = eventData.Payload[eventData.PayloadNames.IndexOf("method")]?.ToString();
        var uri = eventData.Payload[eventData.PayloadNames.IndexOf("uri")]?.ToString() ?? "";
        // The path's last segment without keys: "GET InsuredIndex", "POST $batch".
        var path = new Uri(uri).AbsolutePath;
        var last = path[(path.LastIndexOf('/') + 1)..];
        seen.Enqueue($"{method} {(last.IndexOf('(', StringComparison.Ordinal) is var paren and > 0 ? last[..paren] : last)}");
    }
}
