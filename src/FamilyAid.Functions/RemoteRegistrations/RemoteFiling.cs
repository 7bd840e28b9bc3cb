using FamilyAid.Domain.Geography;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.RemoteTreatment;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary>What a registration command came to: the registration as saved, or why not.</summary>
public sealed record RegistrationOutcome(RemoteRegistration? Registration, RegistrationRefusal? Refusal);

/// <summary>Load → decide → commit for registrations, each under the one retry policy.</summary>
public sealed class RemoteFiling(RemoteRegistrationStore store, TimeProvider clock)
{
    /// <summary>Files <paramref name="command"/> against the person's registrations as read; a concurrent filing of the
    /// same person makes this one read and decide again, so two overlapping filings never both land.</summary>
    public Task<RegistrationOutcome> File(FileRegistration command, CancellationToken ct) =>
        Optimistic.Retry<RegistrationOutcome>($"The registrations of person {command.PersonId}", async _ =>
        {
            var mine = await store.Of(command.PersonId, ct);
            if (mine.All.FirstOrDefault(r => r.Id == command.Id) is { } landed)
            {
                // Our own earlier try went through although its answer was lost.
                return new RegistrationOutcome(landed, null);
            }

            var (registration, refusal) = RegistrationRules.File(command, mine.All, RemoteRegistrationPolicy.For(command.Region), clock.GetUtcNow());
            if (registration is null)
            {
                return new RegistrationOutcome(null, refusal);
            }

            return await store.Add(registration, mine.Guard, ct) ? new RegistrationOutcome(registration, null) : Optimistic.Lost;
        }, ct);

    /// <summary>Applies <paramref name="change"/> to the stored registration <paramref name="id"/> under its ETag.</summary>
    public Task<RegistrationOutcome> Change(
        string id, Func<RemoteRegistration, DateTimeOffset, (RemoteRegistration? Registration, RegistrationRefusal? Refusal)> change, CancellationToken ct) =>
        Optimistic.Retry<RegistrationOutcome>($"Registration {id}", async _ =>
        {
            if (await store.Get(id, ct) is not { } stored)
            {
                return new RegistrationOutcome(null, RegistrationRefusal.NotApplicable);
            }

            var (changed, refusal) = change(stored.Registration, clock.GetUtcNow());
            if (changed is null)
            {
                return new RegistrationOutcome(null, refusal);
            }

            return await store.Save(changed, stored.ETag, ct) ? new RegistrationOutcome(changed, null) : Optimistic.Lost;
        }, ct);

    /// <summary>Whether an active registration of <paramref name="personId"/> to <paramref name="province"/> covers today
    /// (China date).</summary>
    public async Task<bool> Covered(string personId, Province province, CancellationToken ct)
    {
        var today = Age.ChinaDate(clock.GetUtcNow());
        return (await store.Of(personId, ct)).All.Any(r => r.Destination.ProvinceCode == province.Code && r.Covers(today, today));
    }

    /// <summary>Today in China.</summary>
    public DateOnly Today => Age.ChinaDate(clock.GetUtcNow());
}
