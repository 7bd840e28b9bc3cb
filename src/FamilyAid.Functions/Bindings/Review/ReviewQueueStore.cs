using System.Globalization;
using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Bindings.Review;

/// <summary>One row of a region's review queue.</summary>
/// <param name="DueAt">When the review is promised by (the working-day SLA).</param>
/// <param name="Escalated">Whether the promise passed and the review was escalated (it is listed first).</param>
/// <param name="ExpiresAt">When an escalated review expires undecided; null before escalation.</param>
/// <param name="Overdue">Whether the promise has passed now (by the app's clock, also in the moments before escalation).</param>
public sealed record ReviewQueueEntry(
    string Id, BindingKind Kind, Relation Relation, DateTimeOffset SubmittedAt, DateTimeOffset? DueAt,
    bool Escalated = false, DateTimeOffset? ExpiresAt = null, bool Overdue = false);

/// <summary>Review queues: partition = region, row key = submission ticks + request, so a partition reads oldest first.</summary>
public sealed class ReviewQueueStore(Tables tables)
{
    /// <summary>Puts a request in its region's queue (idempotent). A merge, so an escalation mark written first stays.</summary>
    public Task Add(AddToReviewQueue entry, CancellationToken ct) =>
        tables.ReviewQueue.UpsertEntityAsync(new TableEntity(entry.Region, RowKey(entry.SubmittedAt, entry.BindingId))
        {
            ["BindingId"] = entry.BindingId,
            ["Kind"] = entry.Kind.ToString(),
            ["Relation"] = entry.Relation.ToString(),
            ["SubmittedAt"] = entry.SubmittedAt,
            ["DueAt"] = entry.DueAt,
        }, TableUpdateMode.Merge, ct);

    /// <summary>Takes a request out of the queue; nothing happens if it is not there.</summary>
    public async Task Remove(RemoveFromReviewQueue entry, CancellationToken ct)
    {
        try
        {
            await tables.ReviewQueue.DeleteEntityAsync(entry.Region, RowKey(entry.SubmittedAt, entry.BindingId), ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not queued, or removed already.
        }
    }

    /// <summary>Marks a request escalated in its queue, writing the row if its queue entry has not come yet.</summary>
    /// <remarks>Effects are delivered side by side and retried, so the mark may come before the entry it marks: both
    /// merge into the same row, and whichever comes last leaves it whole and marked. The request's kind and relation
    /// come from its state, which the caller has read.</remarks>
    public Task MarkEscalated(MarkEscalatedInReviewQueue entry, BindingKind kind, Relation relation, CancellationToken ct) =>
        tables.ReviewQueue.UpsertEntityAsync(new TableEntity(entry.Region, RowKey(entry.SubmittedAt, entry.BindingId))
        {
            ["BindingId"] = entry.BindingId,
            ["Kind"] = kind.ToString(),
            ["Relation"] = relation.ToString(),
            ["SubmittedAt"] = entry.SubmittedAt,
            ["Escalated"] = true,
            ["ExpiresAt"] = entry.ExpiresAt,
        }, TableUpdateMode.Merge, ct);

    /// <summary>The region's waiting requests, oldest first.</summary>
    public async Task<IReadOnlyList<ReviewQueueEntry>> Of(string region, int take, CancellationToken ct)
    {
        var entries = new List<ReviewQueueEntry>();
        await foreach (var row in tables.ReviewQueue.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {region}"), maxPerPage: take, cancellationToken: ct))
        {
            entries.Add(new ReviewQueueEntry(
                row.GetString("BindingId")!, Enum.Parse<BindingKind>(row.GetString("Kind")!), Enum.Parse<Relation>(row.GetString("Relation")!),
                row.GetDateTimeOffset("SubmittedAt")!.Value, row.GetDateTimeOffset("DueAt"), row.GetBoolean("Escalated") ?? false,
                row.GetDateTimeOffset("ExpiresAt")));
            if (entries.Count == take)
            {
                break;
            }
        }

        return entries;
    }

    private static string RowKey(DateTimeOffset submittedAt, string bindingId) =>
        $"{submittedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{bindingId}";
}
