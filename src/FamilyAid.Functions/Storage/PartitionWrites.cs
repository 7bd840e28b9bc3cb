using Azure;
using Azure.Data.Tables;

namespace FamilyAid.Functions.Storage;

/// <summary>Group commit of independent one-row writes to one partition (issue 16): writes waiting for the same partition
/// of a table go together into one entity-group transaction (at most 100, no row twice), each with its own answer, as if
/// sent alone. A lone write waits for nobody and is sent as a plain request
/// (<see cref="GroupCommit{TWaiter, TAnswer}"/>).</summary>
/// <remarks>For rows many requests write at once into one partition (the pending marks of money movements, an
/// institution's reconciliation day). A transaction holding a write that fails (a delete under a stale ETag) is sent again
/// without it, and only that write fails, with the error it would have had alone (a <see cref="RequestFailedException"/>
/// with its status). Once queued a write is not withdrawn: its caller's cancellation does not stop it.</remarks>
public sealed class PartitionWrites
{
    /// <summary>The most writes one transaction takes (the service's limit).</summary>
    public const int MaxBatch = 100;

    private readonly GroupCommit<Waiting, Response> queues = new(Gathered, Commit);

    /// <summary>Writes <paramref name="action"/> to <paramref name="table"/>, together with whatever else is waiting for its
    /// partition; answers what the service answered for this write.</summary>
    public async Task<Response> Write(TableClient table, TableTransactionAction action) =>
        (await queues.Enqueue($"{table.Name}\n{action.Entity.PartitionKey}", [new Waiting(table, action)]))[0];

    // What has gathered, in order, skipping a row already taken (one transaction may not touch a row twice).
    private static List<Waiting> Gathered(List<Waiting> queue)
    {
        var rows = new HashSet<string>(StringComparer.Ordinal);
        return [.. queue.Where(w => rows.Add(w.Action.Entity.RowKey)).Take(MaxBatch)];
    }

    // Answers every write of the batch, each with what it would have had alone; leaves none to go again.
    private static async Task<IReadOnlyList<Waiting>> Commit(string key, List<Waiting> batch)
    {
        while (batch.Count > 1)
        {
            try
            {
                var answered = await batch[0].Table.SubmitTransactionAsync(batch.Select(w => w.Action), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Answer.TrySetResult(answered.Value[i]);
                }

                return [];
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is { } failed && failed < batch.Count)
            {
                // Nothing of the transaction was written: the failed write gets the error, the others go again.
                batch[failed].Answer.TrySetException(e);
                batch.RemoveAt(failed);
            }
            catch (RequestFailedException)
            {
                // The service did not say which write failed: each goes alone and gets its own answer.
                break;
            }
        }

        foreach (var waiting in batch)
        {
            try
            {
                waiting.Answer.TrySetResult(await Alone(waiting.Table, waiting.Action));
            }
            catch (Exception e)
            {
                waiting.Answer.TrySetException(e);
            }
        }

        return [];
    }

    private static Task<Response> Alone(TableClient table, TableTransactionAction action) => action.ActionType switch
    {
        TableTransactionActionType.Add => table.AddEntityAsync(action.Entity),
        TableTransactionActionType.UpsertMerge => table.UpsertEntityAsync(action.Entity, TableUpdateMode.Merge),
        TableTransactionActionType.UpsertReplace => table.UpsertEntityAsync(action.Entity, TableUpdateMode.Replace),
        TableTransactionActionType.UpdateMerge => table.UpdateEntityAsync(action.Entity, action.ETag, TableUpdateMode.Merge),
        TableTransactionActionType.UpdateReplace => table.UpdateEntityAsync(action.Entity, action.ETag, TableUpdateMode.Replace),
        TableTransactionActionType.Delete => table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, action.ETag),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown table write."),
    };

    private sealed class Waiting(TableClient table, TableTransactionAction action) : GroupWaiter<Response>
    {
        public TableClient Table { get; } = table;

        public TableTransactionAction Action { get; } = action;
    }
}
