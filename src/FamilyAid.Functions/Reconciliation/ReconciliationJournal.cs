using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Ledger;

namespace FamilyAid.Functions.Reconciliation;

/// <summary>Answers the ledger's <see cref="IMovementEnds"/>: a completed settlement and a finished refund each get
/// their line in the settling institution's day; other movements (transfers) none.</summary>
public sealed class ReconciliationJournal(ReconciliationStore store) : IMovementEnds
{
    /// <inheritdoc />
    public Task Reached<T>(T movement, CancellationToken ct)
        where T : IMovement<T> =>
        movement is Settlement settlement && ReconciliationLine.Of(settlement) is { } line
            ? store.Put(settlement.Plan.InstitutionId, line, ct)
            : Task.CompletedTask;
}
