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
    private readonly ConcurrentQueue<string> shapes = new();

    /// <summary>Counts the requests of the calling flow from now on, until disposed.</summary>
    public static StorageRequests Start()
    {
        var counter = new StorageRequests();
        Current.Value = counter;
        return counter;
    }

    /// <summary>The requests counted, in order, as "METHOD Table(…)".</summary>
    public IReadOnlyList<string> Seen => [.. seen];

    /// <summary>The requests counted, in order, with their kind: "GET Relationships(key)" for a point read,
    /// "GET Relationships()?$filter" for a query.</summary>
    public IReadOnlyList<string> Shapes => [.. shapes];

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
        var resource = path[(path.LastIndexOf('/') + 1)..];
        seen.Enqueue($"{method} {resource.Split('(')[0]}");
        shapes.Enqueue($"{method} {resource.Split('(')[0]}{(!resource.Contains('(') ? "" : resource.Contains("RowKey=", StringComparison.Ordinal) ? "(key)" : "()?$filter")}");
    }

    public override void Dispose()
    {
        Current.Value = null;
        base.Dispose();
    }
}
