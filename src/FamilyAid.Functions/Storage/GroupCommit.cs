namespace FamilyAid.Functions.Storage;

/// <summary>One waiter of a <see cref="GroupCommit{TWaiter, TAnswer}"/>: its answer, and the signal that it is to lead.</summary>
public abstract class GroupWaiter<TAnswer>
{
    /// <summary>Where the commit puts this waiter's answer (or its error).</summary>
    public TaskCompletionSource<TAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when this waiter is to lead: commit what has gathered.</summary>
    internal TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Group commit, per instance (the batching TigerBeetle is fast by): waiters for one key (an account, a
/// partition) queue; the first leads and commits what has gathered as one batch, then hands the lead to the first one
/// still waiting. A lone waiter waits for nobody (no timer); what is gathered while a batch is under way goes next.</summary>
/// <remarks>A queue exists exactly while its key has a leader; it is removed when the leader finds it empty, so memory
/// follows the keys in use. Once queued a waiter is not withdrawn (it may be in a batch under way): its answer says what
/// happened to it.</remarks>
/// <param name="take">Which of the waiting (in order) go into the next batch; never none while some wait, and the first
/// always (it may be the leader).</param>
/// <param name="commit">Commits a batch, answering its waiters; returns those to put back in front, unanswered. It must not
/// throw: a waiter left unanswered would wait for ever, so an error is every waiter's answer.</param>
public sealed class GroupCommit<TWaiter, TAnswer>(
    Func<List<TWaiter>, List<TWaiter>> take, Func<string, List<TWaiter>, Task<IReadOnlyList<TWaiter>>> commit)
    where TWaiter : GroupWaiter<TAnswer>
{
    private readonly Dictionary<string, List<TWaiter>> queues = new(StringComparer.Ordinal);

    /// <summary>Queues <paramref name="waiting"/> for <paramref name="key"/>, together and in order, and waits for their
    /// answers, leading the key's batches while one of them is first.</summary>
    public Task<TAnswer[]> Enqueue(string key, IReadOnlyList<TWaiter> waiting)
    {
        bool lead;
        lock (queues)
        {
            lead = !queues.TryGetValue(key, out var queue);
            if (lead)
            {
                queues[key] = queue = [];
            }

            queue!.AddRange(waiting);
        }

        return Task.WhenAll(waiting.Select((w, i) => Answer(key, w, lead && i == 0)));
    }

    private async Task<TAnswer> Answer(string key, TWaiter waiting, bool lead)
    {
        if (!lead && await Task.WhenAny(waiting.Answer.Task, waiting.Turn.Task) == waiting.Answer.Task)
        {
            return await waiting.Answer.Task;
        }

        while (!waiting.Answer.Task.IsCompleted)
        {
            await CommitGathered(key);
        }

        HandOver(key);
        return await waiting.Answer.Task;
    }

    // Takes what has gathered, commits it, and puts back in front what it left.
    private async Task CommitGathered(string key)
    {
        List<TWaiter> batch;
        lock (queues)
        {
            var queue = queues[key];
            batch = take(queue);
            queue.RemoveAll(batch.Contains);
        }

        IReadOnlyList<TWaiter> left;
        try
        {
            left = await commit(key, batch);
        }
        catch (Exception e)
        {
            foreach (var w in batch)
            {
                w.Answer.TrySetException(e);
            }

            return;
        }

        lock (queues)
        {
            queues[key].InsertRange(0, left);
        }
    }

    private void HandOver(string key)
    {
        TWaiter? next = null;
        lock (queues)
        {
            var queue = queues[key];
            if (queue.Count == 0)
            {
                queues.Remove(key);
            }
            else
            {
                next = queue[0];
            }
        }

        next?.Turn.TrySetResult();
    }
}
