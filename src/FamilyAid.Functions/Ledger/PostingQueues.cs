using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Ledger;

/// <summary>A posting waiting for its account: how to make it from the book as the batch finds it (a quota setting is
/// numbered by the quota's changes), the quota it needs read, and where its answer goes.</summary>
internal sealed class WaitingPosting(Func<AccountBook, Posting> make, string? quotaId)
{
    public Func<AccountBook, Posting> Make { get; } = make;

    public string? QuotaId { get; } = quotaId;

    public TaskCompletionSource<PostingOutcome> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when this waiter is to lead: commit what has gathered.</summary>
    public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Group commit, per instance: postings to one account wait in its queue; the first waiter leads and commits
/// what has gathered as one batch (<see cref="PostingBatch"/>), then hands the lead to the first one still waiting.
/// A lone posting waits for nobody (no timer); across instances the balance row's ETag keeps batches correct.</summary>
/// <remarks>A queue exists exactly while its account has a leader; it is removed when the leader finds it empty, so
/// memory follows the accounts being posted to.</remarks>
internal sealed class PostingQueues(Func<string, IReadOnlyList<WaitingPosting>, Task<IReadOnlyList<WaitingPosting>>> commit)
{
    /// <summary>The most postings one batch takes from the queue (one transaction holds at most 100 rows anyway).</summary>
    public const int MaxBatch = 100;

    private readonly Dictionary<string, List<WaitingPosting>> queues = new(StringComparer.Ordinal);

    /// <summary>Queues <paramref name="waiting"/> for <paramref name="accountId"/>, together and in order, and waits for
    /// their answers, leading the batches of the account while one of them is first.</summary>
    /// <remarks>Once queued a posting is not withdrawn (it may be in a transaction under way): its answer says what
    /// happened to it.</remarks>
    public Task<PostingOutcome[]> Post(string accountId, IReadOnlyList<WaitingPosting> waiting)
    {
        bool lead;
        lock (queues)
        {
            lead = !queues.TryGetValue(accountId, out var queue);
            if (lead)
            {
                queues[accountId] = queue = [];
            }

            queue!.AddRange(waiting);
        }

        return Task.WhenAll(waiting.Select((w, i) => Answer(accountId, w, lead && i == 0)));
    }

    private async Task<PostingOutcome> Answer(string accountId, WaitingPosting waiting, bool lead)
    {
        if (!lead && await Task.WhenAny(waiting.Answer.Task, waiting.Turn.Task) == waiting.Answer.Task)
        {
            return await waiting.Answer.Task;
        }

        while (!waiting.Answer.Task.IsCompleted)
        {
            await CommitGathered(accountId);
        }

        HandOver(accountId);
        return await waiting.Answer.Task;
    }

    // Takes what has gathered (the leader's own posting first), commits it, and puts back in front what did not fit.
    private async Task CommitGathered(string accountId)
    {
        List<WaitingPosting> batch;
        lock (queues)
        {
            var queue = queues[accountId];
            batch = queue[..Math.Min(queue.Count, MaxBatch)];
            queue.RemoveRange(0, batch.Count);
        }

        IReadOnlyList<WaitingPosting> left;
        try
        {
            left = await commit(accountId, batch);
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
            queues[accountId].InsertRange(0, left);
        }
    }

    private void HandOver(string accountId)
    {
        WaitingPosting? next = null;
        lock (queues)
        {
            var queue = queues[accountId];
            if (queue.Count == 0)
            {
                queues.Remove(accountId);
            }
            else
            {
                next = queue[0];
            }
        }

        next?.Turn.TrySetResult();
    }
}
