namespace FamilyAid.Domain.Ledger;

/// <summary>What asking for a settlement's refund needs next (<see cref="Settlement.StartRefund"/>).</summary>
public enum RefundStart
{
    /// <summary>The settlement was interrupted before it completed: run it to the end first, then ask again.</summary>
    CompleteFirst,

    /// <summary>A completed settlement: save it as refunding (this asking begins the refund), then run the refund legs.</summary>
    Begin,

    /// <summary>Another asking began the refund and it has not finished: run its legs to the end.</summary>
    Resume,

    /// <summary>Refunded before: the same answer, nothing to run.</summary>
    AlreadyRefunded,
}
