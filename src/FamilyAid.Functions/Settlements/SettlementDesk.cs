using FamilyAid.Domain.Institutions;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Ledger;

namespace FamilyAid.Functions.Settlements;

/// <summary>Settles a bill under its idempotency claim: starts the settlement, or finishes one a crash interrupted.</summary>
public sealed class SettlementDesk(SettlementPayers payers, MovementStore movements, MovementRunner runner)
{
    /// <summary>Settles <paramref name="request"/> as <paramref name="settlementId"/>; <paramref name="fresh"/> says the
    /// claim is new, so no state can be recorded under it yet.</summary>
    public async Task<Answer> Settle(
        string settlementId, bool fresh, Caller caller, Institution institution, CreateSettlement.Request request, CancellationToken ct)
    {
        // Only a claim taken over from an interrupted request (another id than the fresh one) can have a state.
        if (!fresh && await movements.Load<Settlement>(settlementId, ct) is { } recorded)
        {
            // A retry of a settlement a crash interrupted: finish it.
            var resumed = await movements.MarkPending(settlementId, nameof(Settlement), ct);
            return Created(await runner.Run(recorded, caller, resumed, CancellationToken.None));
        }

        var (plan, refusal) = await payers.Plan(settlementId, institution, request.PaymentCode, request.Category, request.AmountFen, ct);
        if (plan is null)
        {
            // A missing registration is cured by filing one: the refusal is not kept, so the same key may try again.
            return Answer.From(Telemetry.BusinessMetrics.SettlementRefused(MoneyProblems.For(refusal!.Value))) with { Kept = refusal != SettlementRefusal.NoRemoteRegistration };
        }

        // The pending mark, holding the plan, comes first: a crash after it leaves something for recovery to finish. From
        // here on the client going away does not stop the saga halfway (recovery would finish it, but only later).
        var (begun, mark) = await movements.Begin(settlementId, Settlement.Start(plan), ct);
        return Created(await runner.Run(begun, caller, mark, CancellationToken.None));
    }

    /// <summary>The answer settlement <paramref name="settlementId"/> gave when it completed, rebuilt from its state (a refund
    /// since changes nothing in it); null while it has not completed.</summary>
    public async Task<Answer?> Answered(string settlementId, CancellationToken ct) =>
        await movements.Load<Settlement>(settlementId, ct) is { State: { Status: not SettlementStatus.Planned } settled }
            ? Created(settled with { Status = SettlementStatus.Completed })
            : null;

    // The settlement keeps its answer: its state rebuilds it for a replay, so the idempotency record is not written again.
    private static Answer Created(Settlement settlement) => Answer.Json(201, SettlementView.Of(settlement)) with { HeldByResource = true };
}
