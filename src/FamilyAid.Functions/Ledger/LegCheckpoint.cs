namespace FamilyAid.Functions.Ledger;

/// <summary>Called after every leg a movement posts. Does nothing; tests replace it to crash a saga between legs
/// and prove that recovery loses and doubles nothing.</summary>
public class LegCheckpoint
{
    /// <summary>After <paramref name="leg"/> of movement <paramref name="movementId"/> was posted.</summary>
    public virtual Task Passed(string movementId, string leg, CancellationToken ct) => Task.CompletedTask;
}
