using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace FamilyAid.Functions.Tests.Infrastructure;

/// <summary>Counts the storage requests one flow makes, from the Azure SDK's own "Azure-Core" event source (one Request
/// event per HTTP attempt of any Azure client in the process), as the bench does. The flow is told by an
/// <see cref="AsyncLocal{T}"/> tag that flows into the app through the test server, so other tests running beside it and
/// the app's background work are not counted.</summary>
public sealed class StorageRequests : EventListener
{
    private static readonly AsyncLocal<StorageRequests?> Current = new();
    private readonly ConcurrentQueue<string> seen = new();

    /// <summary>Counts the requests of the calling flow from now on, until disposed.</summary>
    public static StorageRequests Start()
    {
        var counter = new StorageRequests();
        Current.Value = counter;
        return counter;
    }

    /// <summary>The requests counted, in order, as "METHOD Table(…)".</summary>
    public IReadOnlyList<string> Seen => [.. seen];

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName != "Request" || !ReferenceEquals(Current.Value, this) || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var method = eventData.Payload[eventData.PayloadNames.IndexOf("method")]?.ToString();
        var uri = eventData.Payload[eventData.PayloadNames.IndexOf("uri")]?.ToString() ?? "";
        var path = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? parsed.AbsolutePath : uri;
        seen.Enqueue($"{method} {path[(path.LastIndexOf('/') + 1)..].Split('(')[0]}");
    }

    public override void Dispose()
    {
        Current.Value = null;
        base.Dispose();
    }
}
