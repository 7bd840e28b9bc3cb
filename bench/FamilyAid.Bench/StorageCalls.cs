using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace FamilyAid.Bench;

/// <summary>Counts the storage requests each step makes, from the Azure SDK's own "Azure-Core" event source (one
/// Request event per HTTP attempt of any Azure client in the process, the app's included). A step is told by an
/// <see cref="AsyncLocal{T}"/> tag that flows into the app (the test server preserves the execution context), so
/// background work (the queue trigger's polls and activities) is not counted. Only for the short census: the events
/// cost time while a listener is on.</summary>
internal sealed class StorageCalls(int tablePort, int queuePort, int blobPort, string prefix) : EventListener
{
    private readonly ConcurrentQueue<(string Tag, string What)> sequence = new();

    private static readonly AsyncLocal<string?> Tag = new();

    private readonly ConcurrentDictionary<(string Tag, string Kind), int> counts = new();
    private readonly ConcurrentDictionary<string, int> occurrences = new(StringComparer.Ordinal);

    public static readonly string[] Kinds = ["table read", "table query", "table batch", "table write", "queue", "blob"];

    /// <summary>Tags what the current flow does from now on (a synchronous method: the tag stays with the caller).</summary>
    public void Begin(string tag)
    {
        occurrences.AddOrUpdate(tag, 1, (_, n) => n + 1);
        Tag.Value = tag;
    }

    public static void End() => Tag.Value = null;

    public IReadOnlyList<string> Tags => [.. occurrences.Keys];

    /// <summary>Requests of <paramref name="kind"/> per occurrence of <paramref name="tag"/>.</summary>
    public double Per(string tag, string kind) =>
        occurrences.TryGetValue(tag, out var n) && n > 0 ? counts.GetValueOrDefault((tag, kind)) / (double)n : 0;

    public double Total(string tag) => Kinds.Sum(k => Per(tag, k));

    /// <summary>The requests of the first occurrence of <paramref name="tag"/>, in order (e.g. "GET Bindings(key)").</summary>
    public IEnumerable<string> Sequence(string tag)
    {
        var n = 0;
        foreach (var (t, what) in sequence)
        {
            if (t == tag)
            {
                yield return what;
                if (++n >= Total(tag))
                {
                    yield break;
                }
            }
        }
    }

    // The resource without account, prefix, keys or query: "Bindings(key)", "Bindings()?query", "$batch", "binding-effects/messages".
    private string Shape(Uri uri)
    {
        var path = uri.AbsolutePath;
        path = path[(path.IndexOf('/', 1) + 1)..];
        path = path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;
        var paren = path.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            path = path[..paren] + (path.Contains("RowKey=", StringComparison.Ordinal) ? "(key)" : "()");
        }
        else if (uri.Port == blobPort && path.IndexOf('/', StringComparison.Ordinal) is var slash and > 0)
        {
            path = path[..slash] + "/…" + (uri.Query.Contains("comp=", StringComparison.Ordinal)
                ? "?comp=" + uri.Query[(uri.Query.IndexOf("comp=", StringComparison.Ordinal) + 5)..].Split('&')[0]
                : "");
        }
        else if (uri.Port == queuePort && !path.EndsWith("/messages", StringComparison.Ordinal) && path.Contains("/messages/", StringComparison.Ordinal))
        {
            path = path[..path.IndexOf("/messages/", StringComparison.Ordinal)] + "/messages/…";
        }

        return uri.Query.Length > 0 && uri.Port == tablePort && path.EndsWith("()", StringComparison.Ordinal) ? path + "?$filter" : path;
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
        if (eventData.EventName != "Request" || Tag.Value is not { } tag || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var method = eventData.Payload[eventData.PayloadNames.IndexOf("method")]?.ToString() ?? "";
        if (!Uri.TryCreate(eventData.Payload[eventData.PayloadNames.IndexOf("uri")]?.ToString(), UriKind.Absolute, out var uri))
        {
            return;
        }

        var kind = uri.Port == queuePort ? "queue"
            : uri.Port == blobPort ? "blob"
            : uri.Port != tablePort ? null
            : uri.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal) ? "table batch"
            : method != "GET" ? "table write"
            : uri.AbsolutePath.Contains("RowKey=", StringComparison.Ordinal) ? "table read"
            : "table query";
        if (kind is not null)
        {
            counts.AddOrUpdate((tag, kind), 1, (_, n) => n + 1);
            sequence.Enqueue((tag, $"{method} {Shape(uri)}"));
        }
    }
}
