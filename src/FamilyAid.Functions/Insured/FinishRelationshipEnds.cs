using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.Insured;

/// <summary>Timer function <c>FinishRelationshipEnds</c>: ends the relationships a report owed when a crash stopped it
/// between writing the change and ending them. Each end is idempotent, so finishing beside a live run does nothing twice.</summary>
public sealed partial class FinishRelationshipEnds(InsuredStore store, InsuredChanges changes, TimeProvider clock, ILogger<FinishRelationshipEnds> logger)
    : ITimerFunction
{
    /// <summary>Rows younger than this are left to the report that wrote them.</summary>
    public static readonly TimeSpan After = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public string Name => "FinishRelationshipEnds";

    /// <inheritdoc />
    public async Task Run(CancellationToken ct)
    {
        foreach (var (personId, owed) in await store.EndsOwed(clock.GetUtcNow() - After, 100, ct))
        {
            await changes.FinishEnds(personId, owed, ct);
            LogFinished(logger, personId, owed.At);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Finished the relationship ends a report of {PersonId} owed since {At}.")]
    private static partial void LogFinished(ILogger logger, string personId, DateTimeOffset at);
}
