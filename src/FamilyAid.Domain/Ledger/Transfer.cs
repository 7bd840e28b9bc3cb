namespace FamilyAid.Domain.Ledger;

/// <summary>A transfer (划拨) from the authorizer's personal account into the family pool, as a two-leg saga.</summary>
/// <remarks>The debit comes first and may be refused (then nothing moved and the transfer is refused); once it is
/// posted the credit cannot be refused, so a crash between the legs is finished forward by running again.</remarks>
public sealed record Transfer(string Id, string AuthorizerId, AccountId From, AccountId To, long AmountFen, TransferStatus Status, bool Debited, bool Credited)
    : IMovement<Transfer>
{
    /// <summary>The debit of the authorizer's account.</summary>
    public const string DebitLeg = "debit";

    /// <summary>The credit of the pool.</summary>
    public const string CreditLeg = "credit";

    /// <summary>A planned transfer of <paramref name="amountFen"/> (positive) from the authorizer's account to their pool.</summary>
    public static Transfer Start(string id, string authorizerId, long amountFen)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountFen);
        return new(id, authorizerId, AccountId.Personal(authorizerId), AccountId.Pool(authorizerId), amountFen, TransferStatus.Planned, false, false);
    }

    /// <summary>The next posting to make, or null when none is left.</summary>
    public Leg? NextLeg() => Status switch
    {
        TransferStatus.Planned when !Debited => new Leg(DebitLeg, From, new Posting($"{Id}/{DebitLeg}", -AmountFen, "transfer-out", Id, Final: true)),
        TransferStatus.Planned when !Credited => new Leg(CreditLeg, To, new Posting($"{Id}/{CreditLeg}", AmountFen, "transfer-in", Id)),
        _ => null,
    };

    /// <inheritdoc />
    public bool IsSettled => Status != TransferStatus.Planned;

    /// <summary>The state after <paramref name="leg"/> was posted (a transfer leg moves exactly its amount).</summary>
    public Transfer Record(Leg leg, long appliedFen) => leg.Name switch
    {
        DebitLeg => this with { Debited = true },
        CreditLeg => this with { Credited = true },
        _ => throw new ArgumentException($"Not a transfer leg: {leg.Name}.", nameof(leg)),
    };

    /// <summary>The state after <paramref name="leg"/> was refused; only the first debit can be.</summary>
    public Transfer Refuse(Leg leg, PostingRefusal refusal) =>
        leg.Name == DebitLeg && !Debited
            ? this with { Status = TransferStatus.Refused }
            : throw new InvalidOperationException($"Transfer {Id}: leg {leg.Name} cannot be refused ({refusal}).");

    /// <summary>Completes the transfer once both legs are posted.</summary>
    public Transfer Finish() => Status switch
    {
        TransferStatus.Planned when Debited && Credited => this with { Status = TransferStatus.Completed },
        TransferStatus.Planned => throw new InvalidOperationException($"Transfer {Id} still has legs to post."),
        _ => this,
    };
}
