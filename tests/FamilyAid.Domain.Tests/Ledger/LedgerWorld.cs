using CsCheck;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>A family for a generated ledger sequence: an authorizer with a personal account and a pool, and their members.</summary>
internal sealed record FamilySpec(FundingMode Funding, bool ResidentPremiumCovered, long AuthorizerOpeningFen, long PoolOpeningFen, MemberSpec[] Members)
{
    public override string ToString() =>
        $"{Funding} premium:{ResidentPremiumCovered} authorizer:{AuthorizerOpeningFen} pool:{PoolOpeningFen} [{string.Join(", ", Members.Select(m => m.ToString()))}]";
}

internal sealed record MemberSpec(InsuranceType Insurance, BindingKind Kind, long OpeningFen)
{
    public override string ToString() => $"{Insurance} {Kind} {OpeningFen}";
}

/// <summary>One step of a generated sequence. Indexes pick among what exists when the step runs; a crash point is the
/// number of legs posted before the run stops unsaved (-1: it does not crash).</summary>
internal abstract record LedgerOp;

internal sealed record TransferOp(int Family, long AmountFen, int CrashAfter) : LedgerOp;

internal sealed record SettleOp(int Payer, SpendingCategory Category, long BillFen, int CrashAfter) : LedgerOp;

internal sealed record RefundOp(int Settlement, bool Twice, int CrashAfter) : LedgerOp;

/// <summary>Recovery of a movement that crashed: run again from its saved state.</summary>
internal sealed record RecoverOp(int Pending, int CrashAfter) : LedgerOp;

/// <summary>A duplicate delivery: a finished movement run again from its start.</summary>
internal sealed record RerunOp(int Finished) : LedgerOp;

/// <summary>The sharer sets a relative's quota (共济额度); <paramref name="Twice"/> sets the same amount again.</summary>
internal sealed record QuotaOp(int Relationship, long AmountFen, bool Twice) : LedgerOp;

/// <summary>A relationship ends (by either side, or automatically): its quota is released, once however often.</summary>
internal sealed record EndOp(int Relationship, bool Twice) : LedgerOp;

/// <summary>The sharer pays a relative's premium, from the quota when it holds one; <paramref name="Again"/> pays it again.</summary>
internal sealed record PremiumOp(int Relationship, int Year, long AmountFen, bool Again) : LedgerOp;

internal static class LedgerGen
{
    private static readonly Gen<int> Index = Gen.Int[0, 1_000];
    private static readonly Gen<int> Crash = Gen.Frequency((3, Gen.Const(-1)), (2, Gen.Int[0, 2]));
    private static readonly Gen<long> Opening = Gen.Frequency((1, Gen.Const(0L)), (4, Gen.Long[1, 300_000]));
    private static readonly Gen<long> TransferAmount = Gen.Frequency((3, Gen.Long[1, 50_000]), (1, Gen.Long[1, 400_000]));

    private static readonly Gen<MemberSpec> Member = Gen.Select(
        Gen.Enum<InsuranceType>(),
        Gen.Frequency((3, Gen.Const(BindingKind.Sharing)), (1, Gen.Const(BindingKind.Proxy))),
        Opening,
        (insurance, kind, opening) => new MemberSpec(insurance, kind, opening));

    public static readonly Gen<FamilySpec> Family = Gen.Select(
        Gen.Enum<FundingMode>(),
        Gen.Frequency((3, Gen.Const(true)), (1, Gen.Const(false))),
        Opening,
        Opening,
        Member.Array[1, 2],
        (funding, premium, authorizer, pool, members) => new FamilySpec(funding, premium, authorizer, pool, members));

    private static readonly Gen<SpendingCategory> Category = Gen.Frequency(
        (8, Gen.OneOf(SpendingCategory.Outpatient, SpendingCategory.Inpatient, SpendingCategory.Pharmacy, SpendingCategory.ResidentPremium)),
        (1, Gen.OneOf(SpendingCategory.Wellness, SpendingCategory.Fitness, SpendingCategory.PublicHealth)));

    public static readonly Gen<LedgerOp> Op = Gen.Frequency(
        (3, Gen.Select(Index, TransferAmount, Crash, (f, amount, crash) => (LedgerOp)new TransferOp(f, amount, crash))),
        (5, Gen.Select(Index, Category, Gen.Long[1, 200_000], Crash, (p, category, bill, crash) => (LedgerOp)new SettleOp(p, category, bill, crash))),
        (2, Gen.Select(Index, Gen.Bool, Crash, (s, twice, crash) => (LedgerOp)new RefundOp(s, twice, crash))),
        (2, Gen.Select(Index, Crash, (p, crash) => (LedgerOp)new RecoverOp(p, crash))),
        (1, Index.Select(f => (LedgerOp)new RerunOp(f))));

    /// <summary>The ops above, with quota settings, ends and premiums among them.</summary>
    public static readonly Gen<LedgerOp> QuotaOps = Gen.Frequency(
        (8, Op),
        (4, Gen.Select(Index, Gen.Long[0, 300_000], Gen.Bool, (r, amount, twice) => (LedgerOp)new QuotaOp(r, amount, twice))),
        (1, Gen.Select(Index, Gen.Bool, (r, twice) => (LedgerOp)new EndOp(r, twice))),
        (2, Gen.Select(Index, Gen.Int[2026, 2027], Gen.Long[1, 100_000], Gen.Bool, (r, year, amount, again) => (LedgerOp)new PremiumOp(r, year, amount, again))));
}

/// <summary>What paid with a code: the person, the relationship the code was bound to, and their region.</summary>
internal sealed record Seat(InsuredPerson Person, PayingRelationship? Relationship, RegionPolicy Policy);

/// <summary>A movement the sequence started, and how often a run of it crashed.</summary>
internal abstract class Track
{
    public int Crashes { get; set; }
}

internal sealed class SettlementTrack(Settlement start) : Track
{
    public Settlement Start { get; } = start;

    /// <summary>What the movement store holds: the state at the start of the stage still running, or the final one.</summary>
    public Settlement Saved { get; set; } = start;

    /// <summary>The split a run with no crash gave, against the balances it found.</summary>
    public SettlementSplit? Uninterrupted { get; set; }
}

internal sealed class TransferTrack(Transfer start) : Track
{
    public Transfer Start { get; } = start;

    public Transfer Saved { get; set; } = start;
}

/// <summary>Families, their accounts in a <see cref="ModelLedger"/>, and the movements run against it, each run the way
/// the movement runner does: post the next leg until none is left, record or refuse it, finish, save.</summary>
internal sealed class LedgerWorld
{
    private const int MaxLegsPerStage = 4;

    private readonly List<string> authorizers = [];
    private readonly List<Seat> seats = [];
    private readonly List<Track> pending = [];
    private readonly List<PayingRelationship> sharing = [];
    private readonly HashSet<string> ended = new(StringComparer.Ordinal);

    public LedgerWorld(FamilySpec[] families)
    {
        for (var f = 0; f < families.Length; f++)
        {
            var spec = families[f];
            var authorizerId = $"a{f}";
            var authorizer = new InsuredPerson(authorizerId, "张伟", new DateOnly(1970, 1, 1), InsuranceType.Employee, InsuranceStatus.Normal, "r");
            var policy = (spec.Funding == FundingMode.Pool ? RegionPolicy.Gansu : RegionPolicy.Guangdong) with
            {
                ResidentPremiumCovered = spec.ResidentPremiumCovered,
            };
            authorizers.Add(authorizerId);
            Ledger.Open(AccountId.Personal(authorizerId), spec.AuthorizerOpeningFen);
            Ledger.Open(AccountId.Pool(authorizerId), spec.PoolOpeningFen);
            PayingRelationship? first = null;
            for (var m = 0; m < spec.Members.Length; m++)
            {
                var member = spec.Members[m];
                var memberId = $"m{f}-{m}";
                var person = new InsuredPerson(memberId, "张小雨", new DateOnly(2000, 1, 1), member.Insurance, InsuranceStatus.Normal, "r");
                var relationship = new PayingRelationship($"r{f}-{m}", authorizerId, memberId, member.Kind, spec.Funding);
                first ??= relationship;
                if (member.Kind == BindingKind.Sharing)
                {
                    sharing.Add(relationship);
                }

                if (member.Insurance == InsuranceType.Employee)
                {
                    Ledger.Open(AccountId.Personal(memberId), member.OpeningFen);
                }

                seats.Add(new Seat(person, relationship, policy));
            }

            seats.Add(new Seat(authorizer, first, policy));
        }
    }

    public ModelLedger Ledger { get; } = new();

    public List<SettlementTrack> Settlements { get; } = [];

    public List<TransferTrack> Transfers { get; } = [];

    public int Refusals { get; private set; }

    public int Recoveries { get; private set; }

    public void Apply(LedgerOp op)
    {
        switch (op)
        {
            case TransferOp t:
                StartTransfer(t);
                break;
            case SettleOp s:
                StartSettlement(s);
                break;
            case RefundOp r when Settlements.Count > 0:
                var track = Settlements[r.Settlement % Settlements.Count];
                Refund(track, r.CrashAfter);
                if (r.Twice)
                {
                    Refund(track, -1);
                }

                break;
            case RecoverOp r when pending.Count > 0:
                Recover(pending[r.Pending % pending.Count], r.CrashAfter);
                break;
            case RerunOp r:
                Rerun(r.Finished);
                break;
            case QuotaOp q when sharing.Count > 0:
                SetQuota(sharing[q.Relationship % sharing.Count], q.AmountFen, q.Twice);
                break;
            case EndOp e when sharing.Count > 0:
                End(sharing[e.Relationship % sharing.Count], e.Twice);
                break;
            case PremiumOp p when sharing.Count > 0:
                PayPremium(sharing[p.Relationship % sharing.Count], p);
                break;
            default:
                break;
        }
    }

    /// <summary>Recovers every movement that crashed and was not recovered yet, as the recovery timer would.</summary>
    public void RecoverAll()
    {
        while (pending.Count > 0)
        {
            Recover(pending[0], -1);
        }
    }

    /// <summary>Runs <paramref name="state"/> through the ledger to the end of its stage, unless it crashes after
    /// <paramref name="crashAfter"/> legs (then nothing is saved: not even the finish).</summary>
    public (T State, bool Crashed) Run<T>(T state, int crashAfter)
        where T : IMovement<T>
    {
        var posted = 0;
        while (state.NextLeg() is { } leg)
        {
            if (posted == crashAfter)
            {
                return (state, true);
            }

            Assert.True(posted < MaxLegsPerStage, $"{state.Id} keeps asking for leg {leg.Name}");
            var result = Ledger.Post(leg);
            state = result.Refusal is { } refusal ? state.Refuse(leg, refusal) : state.Record(leg, result.AppliedFen);
            posted++;
        }

        return crashAfter >= 0 ? (state, true) : (state.Finish(), false);
    }

    private void StartTransfer(TransferOp op)
    {
        var authorizerId = authorizers[op.Family % authorizers.Count];
        var track = new TransferTrack(Transfer.Start($"t{Transfers.Count}", authorizerId, op.AmountFen));
        Transfers.Add(track);
        var before = Ledger.UnreservedOf(track.Start.From);
        var (state, crashed) = Run(track.Start, op.CrashAfter);
        if (crashed)
        {
            Crashed(track);
            return;
        }

        track.Saved = state;
        Assert.Equal(before >= op.AmountFen ? TransferStatus.Completed : TransferStatus.Refused, state.Status);
    }

    /// <summary>Premiums paid, by their once-per-person-scheme-and-year key.</summary>
    public Dictionary<string, Posting> Premiums { get; } = new(StringComparer.Ordinal);

    /// <summary>How many quota settings were refused (short of unreserved money, or the relationship ended).</summary>
    public int QuotaRefusals { get; private set; }

    private void SetQuota(PayingRelationship relationship, long amountFen, bool twice)
    {
        var account = AccountId.Personal(relationship.AuthorizerId);
        var before = Ledger.QuotaOf(account, relationship.Id);
        var result = Ledger.Post(QuotaPostings.Setting(account, relationship.Id, before, amountFen));
        var after = Ledger.QuotaOf(account, relationship.Id);
        if (result.Refusal is not null || ended.Contains(relationship.Id))
        {
            QuotaRefusals++;
            Assert.Equal(before, after);
            return;
        }

        Assert.Equal(amountFen, after.QuotaFen);
        if (twice)
        {
            // The same amount again changes nothing and takes no key.
            var (keys, total) = (Ledger.ByKey.Count, Ledger.TotalFen);
            Ledger.Post(QuotaPostings.Setting(account, relationship.Id, after, amountFen));
            Assert.Equal((after, keys, total), (Ledger.QuotaOf(account, relationship.Id), Ledger.ByKey.Count, Ledger.TotalFen));
        }
    }

    private void End(PayingRelationship relationship, bool twice)
    {
        ended.Add(relationship.Id);
        var account = AccountId.Personal(relationship.AuthorizerId);
        Ledger.Post(QuotaPostings.Release(account, relationship.Id));
        if (twice)
        {
            Ledger.Post(QuotaPostings.Release(account, relationship.Id));
        }

        Assert.Equal(new QuotaState(0, true, Ledger.QuotaOf(account, relationship.Id).Changes), Ledger.QuotaOf(account, relationship.Id));
    }

    private void PayPremium(PayingRelationship relationship, PremiumOp op)
    {
        if (ended.Contains(relationship.Id))
        {
            return;
        }

        var account = AccountId.Personal(relationship.AuthorizerId);
        var leg = QuotaPostings.Premium(account, relationship.Id, relationship.MemberId, "resident", op.Year, op.AmountFen, Ledger.QuotaOf(account, relationship.Id));
        if (Premiums.ContainsKey(leg.Posting.Key))
        {
            // Paid this year already: the route answers premium-already-paid before any posting.
            return;
        }

        var result = Ledger.Post(leg);
        if (result.Refusal is null)
        {
            Assert.Equal(-op.AmountFen, result.AppliedFen);
            Premiums.TryAdd(leg.Posting.Key, leg.Posting);
        }

        if (op.Again)
        {
            // The same payment again (a retry) replays its key: nothing moves twice.
            var total = Ledger.TotalFen;
            var again = Ledger.Post(leg);
            if (result.Refusal is null)
            {
                Assert.Equal((total, result.AppliedFen), (Ledger.TotalFen, again.AppliedFen));
            }
        }
    }

    private void StartSettlement(SettleOp op)
    {
        var seat = seats[op.Payer % seats.Count];
        if (seat.Relationship is { } r && ended.Contains(r.Id))
        {
            // An ended relationship's codes no longer work: the payer pays as someone in no group.
            seat = seat with { Relationship = null };
        }

        var id = $"s{Settlements.Count}";
        var (plan, refusal) = Payer.Plan(id, "institution-1", seat.Person, seat.Relationship, seat.Policy, op.Category, op.BillFen);
        if (refusal is not null)
        {
            Assert.Equal(SettlementRefusal.CategoryNotCovered, refusal);
            Assert.False(SettlementSplit.Covers(op.Category, seat.Policy.ResidentPremiumCovered));
            Refusals++;
            return;
        }

        Assert.NotNull(plan);
        var track = new SettlementTrack(Settlement.Start(plan));
        Settlements.Add(track);
        long? own = plan.OwnAccount is { } o ? Ledger.UnreservedOf(o) : null;
        long? family = plan.FamilyAccount is { } f ? Ledger.UnreservedOf(f) : null;
        var (state, crashed) = Run(track.Start, op.CrashAfter);
        if (crashed)
        {
            Crashed(track);
            return;
        }

        Assert.Equal(SettlementStatus.Completed, state.Status);
        if (plan.QuotaAccount is null || state.Split.QuotaFen == 0)
        {
            Assert.Equal(SettlementSplit.Of(plan.BillFen, own, family), state.Split with { QuotaFen = 0 });
        }

        track.Saved = state;
        track.Uninterrupted = state.Split;
    }

    private void Refund(SettlementTrack track, int crashAfter)
    {
        var keys = Ledger.ByKey.Count;
        var (after, refusal) = track.Saved.BeginRefund();
        if (track.Saved.Status == SettlementStatus.Planned)
        {
            Assert.Equal(SettlementRefusal.NotCompleted, refusal);
            Assert.Equal(track.Saved, after);
            return;
        }

        Assert.Null(refusal);
        if (track.Saved.Status == SettlementStatus.Refunded)
        {
            Assert.Equal(track.Saved, after);
        }

        track.Saved = after;
        var (state, crashed) = Run(after, crashAfter);
        if (crashed)
        {
            Crashed(track);
            return;
        }

        Assert.Equal(SettlementStatus.Refunded, state.Status);
        track.Saved = state;
        pending.Remove(track);
        if (after.Status == SettlementStatus.Refunded)
        {
            Assert.Equal(keys, Ledger.ByKey.Count);
        }
    }

    private void Recover(Track movement, int crashAfter)
    {
        Recoveries++;
        switch (movement)
        {
            case SettlementTrack s:
                var (settlement, settlementCrashed) = Run(s.Saved, crashAfter);
                if (!settlementCrashed)
                {
                    Assert.True(settlement.IsSettled);
                    s.Saved = settlement;
                }

                Recovered(s, settlementCrashed);
                break;
            case TransferTrack t:
                var (transfer, transferCrashed) = Run(t.Saved, crashAfter);
                if (!transferCrashed)
                {
                    Assert.True(transfer.IsSettled);
                    t.Saved = transfer;
                }

                Recovered(t, transferCrashed);
                break;
            default:
                throw new InvalidOperationException($"Not a movement: {movement}.");
        }
    }

    private void Rerun(int index)
    {
        var finished = Settlements.Where(s => s.Saved.Status != SettlementStatus.Planned).Cast<Track>()
            .Concat(Transfers.Where(t => t.Saved.Status == TransferStatus.Completed))
            .ToList();
        if (finished.Count == 0)
        {
            return;
        }

        var keys = Ledger.ByKey.Count;
        var total = Ledger.TotalFen;
        switch (finished[index % finished.Count])
        {
            case SettlementTrack s:
                var (settlement, _) = Run(s.Start, -1);
                Assert.Equal(SettlementStatus.Completed, settlement.Status);
                Assert.Equal(s.Saved.OwnFen, settlement.OwnFen);
                Assert.Equal(s.Saved.FamilyFen, settlement.FamilyFen);
                break;
            case TransferTrack t:
                Assert.Equal(TransferStatus.Completed, Run(t.Start, -1).State.Status);
                break;
            default:
                break;
        }

        Assert.Equal(keys, Ledger.ByKey.Count);
        Assert.Equal(total, Ledger.TotalFen);
    }

    private void Crashed(Track track)
    {
        track.Crashes++;
        if (!pending.Contains(track))
        {
            pending.Add(track);
        }
    }

    private void Recovered(Track track, bool crashedAgain)
    {
        if (crashedAgain)
        {
            track.Crashes++;
        }
        else
        {
            pending.Remove(track);
        }
    }
}
