using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Bindings.Workflow;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Bindings.Review;

/// <summary>What took a request out of review, for the reviewer who came second: who, what and when.</summary>
public static class ReviewOutcome
{
    /// <summary>The 409 <c>not-in-review</c> problem with <c>currentStatus</c> and, when a step took it out of review,
    /// <c>decidedBy</c> (a reviewer's id, or <c>authorizer</c> / <c>system</c>), <c>decision</c> (its timeline event)
    /// and <c>decidedAt</c>.</summary>
    public static Problem NotInReview(BindingState? state, IReadOnlyList<StoredEvent> events)
    {
        var last = events.Select(e => e.Event).LastOrDefault(e => e is ReviewApproved or VerifiedOffline or BindingRejected or BindingCancelled or BindingExpired);
        var by = last switch
        {
            ReviewApproved e => e.ReviewerId,
            VerifiedOffline e => e.ReviewerId,
            BindingRejected e => e.By,
            BindingCancelled => "authorizer",
            _ => "system",
        };
        var problem = BindingProblems.For(BindingRefusal.NotInReview, state);
        return problem with
        {
            Extensions = new Dictionary<string, object?>
            {
                ["currentStatus"] = state is null ? null : Wire.Name(state.ShownStatus()),
                ["decidedBy"] = last is null ? null : by,
                ["decision"] = last?.Name,
                ["decidedAt"] = last?.At,
            },
        };
    }
}
