using FamilyAid.Domain.RemoteTreatment;
using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary>Timer function <c>ExpireRemoteRegistrations</c>: records <c>expired</c> on the timeline of each active
/// temporary registration past its last day (reads already show it expired; this says when).</summary>
public sealed partial class ExpireRemoteRegistrations(
    RemoteRegistrationStore store, RemoteFiling filing, ILogger<ExpireRemoteRegistrations> logger) : ITimerFunction
{
    /// <summary>How many registrations one run expires at most (the next run goes on).</summary>
    public const int Batch = 500;

    /// <inheritdoc />
    public string Name => "ExpireRemoteRegistrations";

    /// <inheritdoc />
    public async Task Run(CancellationToken ct)
    {
        var expired = 0;
        foreach (var due in await store.DueForExpiry(filing.Today, Batch, ct))
        {
            // A registration cancelled meanwhile is not applicable any more: nothing to record.
            var outcome = await filing.Change(due.Registration.Id, (r, now) => (RegistrationRules.Expire(r, now), RegistrationRefusal.NotApplicable), ct);
            expired += outcome.Registration is null ? 0 : 1;
        }

        if (expired > 0)
        {
            LogExpired(logger, expired);
        }
    }

    [LoggerMessage(LogLevel.Information, "Recorded the expiry of {Count} remote-treatment registrations.")]
    private static partial void LogExpired(ILogger logger, int count);
}
