using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace FamilyAid.Bench;

/// <summary>The storage requests this process sent that were not the driver's own (the app's queue trigger doing
/// effects, its polls and timers), with when they were sent, from the Azure SDK's "Azure-Core" Request events: what
/// else hit Azurite while a unit of a phase waited. The driver marks its own work with <see cref="Foreground"/>, which
/// flows into the app with the execution context. Only for one phase at a time: the events cost time while a listener
/// is on.</summary>
internal sealed class BackgroundRequests : EventListener
{
    private static readonly AsyncLocal<bool> Mark = new();
    private readonly ConcurrentQueue<(long At, string What)> sent = new();

    /// <summary>Marks what the calling flow does from now on as the driver's own.</summary>
    public static void Foreground() => Mark.Value = true;

    /// <summary>Background requests sent between two <see cref="Stopwatch"/> timestamps, and what they were (snapshot).</summary>
    public Func<long, long, int> Between()
    {
        var times = sent.Select(s => s.At).Order().ToArray();
        int Before(long t)
        {
            var i = Array.BinarySearch(times, t);
            return i < 0 ? ~i : i;
        }

        return (start, end) => Before(end + 1) - Before(start);
    }

    /// <summary>The background requests by kind (method and table or queue), most first.</summary>
    public string Kinds() => string.Join(", ", sent.GroupBy(s => s.What).OrderByDescending(g => g.Count()).Take(8).Select(g => $"{g.Key} {g.Count()}"));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName != "Request" || Mark.Value || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var method = eventData.Payload[eventData.PayloadNames.IndexOf("method")]?.ToString() ?? "";
        var uri = eventData.Payload[eventData.PayloadNames.IndexOf("uri")]?.ToString() ?? "";
        var path = Uri.TryCreate(uri, UriKind.Absolute, out var u) ? u.AbsolutePath.Split('/').Skip(2).FirstOrDefault() ?? "" : "";
        var paren = path.IndexOf('(', StringComparison.Ordinal);
        sent.Enqueue((Stopwatch.GetTimestamp(), $"{method} {(paren > 0 ? path[..paren] : path)}{(u?.Port is { } p ? $":{p}" : "")}"));
    }
}
