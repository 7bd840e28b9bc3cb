using FamilyAid.Domain.Identity;
using FamilyAid.Domain.RemoteTreatment;
using FamilyAid.Functions.Bindings;
using FamilyAid.Functions.Bindings.Review;
using FamilyAid.Functions.Insured;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary>A registration as a reviewer of its region sees it, in the queue and opened: the registration with its
/// timeline, plus the person (name, masked resident ID, age), when it was filed and when a decision is promised by.</summary>
public sealed record RemoteReviewView : RemoteRegistrationView
{
    /// <summary>The registration's view with the reviewer's additions.</summary>
    public RemoteReviewView(RemoteRegistrationView registration, ReviewPersonView person, DateTimeOffset submittedAt, DateTimeOffset? dueAt, bool overdue)
        : base(registration) => (Person, SubmittedAt, DueAt, Overdue) = (person, submittedAt, dueAt, overdue);

    /// <summary>The person it is for, to check against the proof shown.</summary>
    public ReviewPersonView Person { get; }

    /// <summary>When it was filed (its first step).</summary>
    public DateTimeOffset SubmittedAt { get; }

    /// <summary>The working-day promise of a decision, as a binding review has; null once out of review.</summary>
    public DateTimeOffset? DueAt { get; }

    /// <summary>Whether that promise has passed now.</summary>
    public bool Overdue { get; }
}

/// <summary>Builds <see cref="RemoteReviewView"/>s: one point read of the person's insured record each.</summary>
public sealed class RemoteReviews(InsuredStore insured, BindingSettings bindings, TimeProvider clock)
{
    /// <summary>The reviewer's view of <paramref name="registration"/> now.</summary>
    public async Task<RemoteReviewView> View(RemoteRegistration registration, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = Age.ChinaDate(now);
        var due = RegistrationRules.ReviewDueAt(registration, bindings.Calendar, bindings.Timeouts.ReviewWorkingDays, now);
        return new RemoteReviewView(
            RemoteRegistrationView.Of(registration, today, withTimeline: true), ReviewPeople.View(await insured.Get(registration.PersonId, ct), today),
            registration.Timeline[0].At, due, due <= now);
    }
}
