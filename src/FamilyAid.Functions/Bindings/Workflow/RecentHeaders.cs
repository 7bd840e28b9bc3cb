using System.Collections.Concurrent;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>The headers this instance committed or read last, by request: a command on a request this instance just
/// touched (a family uploading its scans one after another, then submitting) decides on the header it holds instead of
/// reading it again (DECISIONS 39).</summary>
/// <remarks>A remembered header may be stale (another instance committed since): a change decided on it is committed
/// under its ETag and decided again on a fresh read when that fails, and a refusal decided on it is checked against a
/// fresh read (<see cref="BindingStreamStore.Execute"/>). So staleness costs a request, never a wrong answer.</remarks>
public sealed class RecentHeaders
{
    /// <summary>At most this many requests are remembered (a few kB each); past it the memory starts again empty.</summary>
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, LoadedBinding> headers = new(StringComparer.Ordinal);

    /// <summary>The header remembered for <paramref name="bindingId"/>, marked as remembered, or null.</summary>
    public LoadedBinding? Find(string bindingId) =>
        headers.TryGetValue(bindingId, out var found) ? found with { Remembered = true } : null;

    /// <summary>Remembers <paramref name="header"/> unless a newer version of its request is remembered already.</summary>
    public void Put(LoadedBinding header)
    {
        if (headers.Count >= Capacity)
        {
            // Dropping all is crude but cheap and always safe: a request forgotten is read from storage next time.
            headers.Clear();
        }

        var kept = header with { Remembered = false };
        headers.AddOrUpdate(header.State.Id, kept, (_, held) => held.Version > kept.Version ? held : kept);
    }
}
