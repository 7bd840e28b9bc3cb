namespace FamilyAid.Domain.Bindings;

/// <summary>How long a request may wait at each step (configuration, not law).</summary>
/// <param name="Documents">From request to submission, then it expires.</param>
/// <param name="FaceCheck">From the face check becoming due to its passing, then it expires.</param>
/// <param name="ReviewWorkingDays">The review SLA: past it the review is escalated.</param>
/// <param name="ReviewExpiryWorkingDays">Past this an undecided review expires.</param>
public sealed record BindingTimeouts(TimeSpan Documents, TimeSpan FaceCheck, int ReviewWorkingDays, int ReviewExpiryWorkingDays)
{
    /// <summary>Documents 7 days, face check 3 days after it becomes due, review 1 working day, review expiry 10 working days.</summary>
    public static readonly BindingTimeouts Default = new(TimeSpan.FromDays(7), TimeSpan.FromDays(3), 1, 10);
}
