using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Bindings.Review;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Review;

/// <summary>Review-queue effects arrive in any order (a batch is delivered side by side, a failed one is retried later):
/// the queue row ends whole and marked whichever of the entry and the escalation mark comes first.</summary>
[Collection(AppCollection.Name)]
public sealed class ReviewQueueOrderTests(FamilyAidApp app)
{
    private static readonly DateTimeOffset Submitted = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_escalation_mark_and_the_queue_entry_make_one_marked_row_in_either_order(bool markFirst)
    {
        // Given a request's queue entry and its escalation mark, in a region of its own so the queue holds nothing else
        var queue = app.Services.GetRequiredService<ReviewQueueStore>();
        var region = $"order{Guid.NewGuid():N}"[..20];
        var add = new AddToReviewQueue("b-order", region, BindingKind.Sharing, Relation.Child, Submitted, Submitted.AddDays(1));
        var mark = new MarkEscalatedInReviewQueue("b-order", region, Submitted, Submitted.AddDays(14));

        // When they are done in the given order
        foreach (var write in markFirst
                     ? new Func<Task>[] { () => queue.MarkEscalated(mark, BindingKind.Sharing, Relation.Child, default), () => queue.Add(add, default) }
                     : [() => queue.Add(add, default), () => queue.MarkEscalated(mark, BindingKind.Sharing, Relation.Child, default)])
        {
            await write();
        }

        // Then the queue holds one row with the entry's fields and the mark
        var entry = Assert.Single(await queue.Of(region, 10, default));
        Assert.Equal(new ReviewQueueEntry("b-order", BindingKind.Sharing, Relation.Child, Submitted, Submitted.AddDays(1), true, Submitted.AddDays(14)), entry);
    }
}
