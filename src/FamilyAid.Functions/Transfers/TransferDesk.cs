using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.Transfers;

/// <summary>Transfers into the family pool under the idempotency claim: starts the transfer, or finishes one a crash
/// interrupted.</summary>
public sealed class TransferDesk(RelationshipStore relationships, MovementStore movements, MovementRunner runner)
{
    /// <summary>Transfers <paramref name="amount"/> fen as <paramref name="transferId"/>; <paramref name="fresh"/> says
    /// the claim is new, so no state can be recorded under it yet.</summary>
    public async Task<Answer> Run(string transferId, bool fresh, Caller caller, long amount, CancellationToken ct)
    {
        // A retry of an interrupted transfer (a claim taken over, so another id than the fresh one) finds its state
        // and finishes it, whatever became of the family group since.
        var recorded = fresh ? null : await movements.Load<Transfer>(transferId, ct);
        if (recorded is null && !(await relationships.Of(caller.Id, ct)).Any(r => r.PoolFundedBy(caller.Id)))
        {
            return Answer.From(MoneyProblems.NoFamilyPool());
        }

        // The pending mark comes before the state: a crash after it leaves something for recovery to finish. From
        // here on the client going away does not stop the transfer between its legs.
        var mark = await movements.MarkPending(transferId, nameof(Transfer), ct);
        var saga = CancellationToken.None;
        recorded ??= await movements.Create(transferId, Transfer.Start(transferId, caller.Id, amount), saga);
        var done = await runner.Run(recorded, caller, mark, saga);
        if (done.Status == TransferStatus.Refused)
        {
            return Answer.From(MoneyProblems.TransferRefused());
        }

        return Answer.Json(201, new CreateTransfer.Response(transferId, done.Status, amount));
    }
}
