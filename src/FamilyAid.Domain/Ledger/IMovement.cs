namespace FamilyAid.Domain.Ledger;

/// <summary>A money movement run as a saga of legs: the runner posts <see cref="NextLeg"/> until there is none, then
/// <see cref="Finish"/>es the stage. Running it again from any saved state replays posted legs by their keys.</summary>
public interface IMovement<TSelf>
    where TSelf : IMovement<TSelf>
{
    /// <summary>The movement's id (its legs' keys start with it).</summary>
    string Id { get; }

    /// <summary>The next posting to make, or null when the current stage has none left.</summary>
    Leg? NextLeg();

    /// <summary>The state after <paramref name="leg"/> moved <paramref name="appliedFen"/> (signed as posted).</summary>
    TSelf Record(Leg leg, long appliedFen);

    /// <summary>The state after the ledger refused <paramref name="leg"/>.</summary>
    TSelf Refuse(Leg leg, PostingRefusal refusal);

    /// <summary>Closes the current stage once it has no leg left.</summary>
    TSelf Finish();

    /// <summary>Whether nothing is left to run (the movement needs no recovery).</summary>
    bool IsSettled { get; }
}
