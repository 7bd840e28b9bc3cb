namespace FamilyAid.Domain.Ledger;

/// <summary>A settlement (结算) as a small saga: its plan, how far it got, and which leg comes next.</summary>
/// <remarks>Each leg is a posting keyed by the settlement id and the leg's name, so running the saga again after a
/// crash replays the legs that happened (with the amounts they moved) and makes only the missing ones. Debits take
/// what the balance allows, so a leg never fails for lack of money and no leg ever needs undoing; a refund restores
/// exactly what the debits moved.</remarks>
/// <param name="QuotaFen">What the relative's quota paid (null until its leg is posted; 0 for a plan without one, and
/// for a settlement recorded before quotas existed).</param>
/// <param name="RefundAskedAt">When the refund began (fixes the China day a refund counts on in reconciliation, 对账,
/// whenever its legs finish); null until then, and on refunds begun before it was recorded.</param>
public sealed record Settlement(
    SettlementPlan Plan, SettlementStatus Status, long? OwnFen, long? FamilyFen, bool OwnRestored, bool FamilyRestored,
    long? QuotaFen = 0, bool QuotaRestored = false, DateTimeOffset? RefundAskedAt = null)
    : IMovement<Settlement>
{
    /// <summary>The debit of the payer's own account.</summary>
    public const string OwnLeg = "own";

    /// <summary>The debit of the family account.</summary>
    public const string FamilyLeg = "family";

    /// <summary>The debit of the relative's quota (共济额度) in the sharer's account.</summary>
    public const string QuotaLeg = "quota";

    /// <summary>The credit that restores the quota debit (to the quota, or to the sharer once it is closed).</summary>
    public const string QuotaRefundLeg = "quota-refund";

    /// <summary>The credit that restores the own-account debit.</summary>
    public const string OwnRefundLeg = "own-refund";

    /// <summary>The credit that restores the family-account debit.</summary>
    public const string FamilyRefundLeg = "family-refund";

    /// <summary>A planned settlement; an account the plan does not use counts as having paid nothing.</summary>
    public static Settlement Start(SettlementPlan plan) =>
        new(plan, SettlementStatus.Planned, plan.OwnAccount is null ? 0 : null, plan.FamilyAccount is null ? 0 : null, false, false,
            plan.QuotaAccount is null ? 0 : null);

    /// <inheritdoc />
    public string Id => Plan.Id;

    /// <inheritdoc />
    public bool IsSettled => Status is SettlementStatus.Completed or SettlementStatus.Refunded;

    /// <summary>How the bill is paid so far (final once <see cref="SettlementStatus.Completed"/>).</summary>
    public SettlementSplit Split =>
        new(OwnFen ?? 0, FamilyFen ?? 0, Plan.BillFen - (OwnFen ?? 0) - (QuotaFen ?? 0) - (FamilyFen ?? 0), QuotaFen ?? 0);

    // What the own account and the quota paid so far: the next leg asks for the rest of the bill.
    private long PaidBeforeFamily => (OwnFen ?? 0) + (QuotaFen ?? 0);

    /// <summary>The next posting to make, or null when the current stage has none left.</summary>
    public Leg? NextLeg() => Status switch
    {
        SettlementStatus.Planned when OwnFen is null => Debit(OwnLeg, Plan.OwnAccount!.Value, Plan.BillFen),
        SettlementStatus.Planned when QuotaFen is null && Plan.BillFen > OwnFen => QuotaDebit(Plan.BillFen - OwnFen!.Value),
        SettlementStatus.Planned when FamilyFen is null && Plan.BillFen > PaidBeforeFamily => Debit(FamilyLeg, Plan.FamilyAccount!.Value, Plan.BillFen - PaidBeforeFamily),
        SettlementStatus.Refunding when !OwnRestored && OwnFen > 0 => Credit(OwnRefundLeg, Plan.OwnAccount!.Value, OwnFen.Value),
        SettlementStatus.Refunding when !QuotaRestored && QuotaFen > 0 => QuotaCredit(QuotaFen.Value),
        SettlementStatus.Refunding when !FamilyRestored && FamilyFen > 0 => Credit(FamilyRefundLeg, Plan.FamilyAccount!.Value, FamilyFen.Value),
        _ => null,
    };

    /// <summary>The state after <paramref name="leg"/> moved <paramref name="appliedFen"/> (signed as posted).</summary>
    public Settlement Record(Leg leg, long appliedFen) => leg.Name switch
    {
        OwnLeg => this with { OwnFen = -appliedFen },
        FamilyLeg => this with { FamilyFen = -appliedFen },
        QuotaLeg => this with { QuotaFen = -appliedFen },
        QuotaRefundLeg => this with { QuotaRestored = true },
        OwnRefundLeg => this with { OwnRestored = true },
        FamilyRefundLeg => this with { FamilyRestored = true },
        _ => throw new ArgumentException($"Not a settlement leg: {leg.Name}.", nameof(leg)),
    };

    /// <summary>Settlement legs are never refused: debits take what the balance allows and credits always fit.</summary>
    public Settlement Refuse(Leg leg, PostingRefusal refusal) =>
        throw new InvalidOperationException($"Settlement {Plan.Id}: leg {leg.Name} was refused ({refusal}), which cannot happen.");

    /// <summary>Closes the current stage once it has no leg left.</summary>
    public Settlement Finish()
    {
        if (NextLeg() is { } missing)
        {
            throw new InvalidOperationException($"Settlement {Plan.Id} still has leg {missing.Name} to post.");
        }

        return Status switch
        {
            SettlementStatus.Planned => this with { Status = SettlementStatus.Completed, FamilyFen = FamilyFen ?? 0, QuotaFen = QuotaFen ?? 0 },
            SettlementStatus.Refunding => this with { Status = SettlementStatus.Refunded, OwnRestored = true, FamilyRestored = true, QuotaRestored = true },
            _ => this,
        };
    }

    /// <summary>Asks for a refund: a completed settlement starts restoring its legs; asking again changes nothing.</summary>
    /// <param name="at">When it is asked (kept only by the request that begins the refund).</param>
    public (Settlement After, SettlementRefusal? Refusal) BeginRefund(DateTimeOffset? at = null) => Status switch
    {
        SettlementStatus.Completed => (this with { Status = SettlementStatus.Refunding, RefundAskedAt = at }, null),
        SettlementStatus.Refunding or SettlementStatus.Refunded => (this, null),
        _ => (this, SettlementRefusal.NotCompleted),
    };

    /// <summary>What asking for a refund needs next, and the state to save when it begins one.</summary>
    /// <remarks>Asking never refuses a settlement of the institution's: one interrupted before it completed is finished
    /// first (its debits replay by their keys), then refunded; a refund asked for twice runs once.</remarks>
    /// <param name="at">When it is asked (see <see cref="BeginRefund"/>).</param>
    public (RefundStart Start, Settlement After) StartRefund(DateTimeOffset? at = null) => Status switch
    {
        SettlementStatus.Planned => (RefundStart.CompleteFirst, this),
        SettlementStatus.Completed => (RefundStart.Begin, BeginRefund(at).After),
        SettlementStatus.Refunding => (RefundStart.Resume, this),
        _ => (RefundStart.AlreadyRefunded, this),
    };

    private Leg Debit(string name, AccountId account, long capFen) =>
        new(name, account, new Posting($"{Plan.Id}/{name}", -capFen, "settlement", Plan.Id, UpToBalance: true));

    // The quota lives in the sharer's account (the plan's quota account), under the relationship's id.
    private Leg QuotaDebit(long capFen) => new(QuotaLeg, Plan.QuotaAccount!.Value, new Posting(
        $"{Plan.Id}/{QuotaLeg}", -capFen, "settlement", Plan.Id, UpToBalance: true, Quota: new Ledger.QuotaLeg(Plan.RelationshipId!, QuotaOperation.Spend)));

    private Leg QuotaCredit(long amountFen) => new(QuotaRefundLeg, Plan.QuotaAccount!.Value, new Posting(
        $"{Plan.Id}/{QuotaRefundLeg}", amountFen, "refund", Plan.Id, Quota: new Ledger.QuotaLeg(Plan.RelationshipId!, QuotaOperation.Restore)));

    private Leg Credit(string name, AccountId account, long amountFen) =>
        new(name, account, new Posting($"{Plan.Id}/{name}", amountFen, "refund", Plan.Id));
}
