using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Ledger;

/// <summary>A port: told of every movement a run finds at an end, before its pending mark is cleared, so that a crash
/// before it was told leaves the movement for recovery, which tells again. Implementations must be idempotent
/// (Reconciliation answers it: one row per settlement and per refund in the institution's day).</summary>
public interface IMovementEnds
{
    /// <summary>The movement <paramref name="movement"/> is settled as it is now (told again on every later run).</summary>
    Task Reached<T>(T movement, CancellationToken ct)
        where T : IMovement<T>;
}
