using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;

namespace FamilyAid.Functions.Ledger;

/// <summary>Runs money movements: posts each next leg, then saves the finished stage; the same code serves the first
/// run, a retry and recovery, because posted legs replay by their keys.</summary>
/// <remarks>The run that reaches an end audits it before clearing the pending mark, so a crash in between, or an audit
/// entry storage refused, leaves the entry for the next run (a retry or recovery) to write.</remarks>
public sealed class MovementRunner(
    AccountLedger ledger, AccountOpener opener, MovementStore store, LegCheckpoint checkpoint, AuditLog audit, IMovementEnds ends, TimeProvider clock)
{
    /// <summary>Runs <paramref name="stored"/> to the end of its current stage and saves it; returns the saved state.</summary>
    /// <param name="actor">Who the audit names if this run ends the movement; null for the system.</param>
    /// <param name="mark">The pending mark this run was started under, cleared when the movement is settled.</param>
    public async Task<T> Run<T>(MovementStore.Stored<T> stored, Caller? actor, ETag mark, CancellationToken ct)
        where T : IMovement<T>
    {
        // Another run (a retry, recovery, a refund) that saved first is continued from what it saved. The save that ends
        // the movement writes its audit entry in the same transaction (issue 16), so the entry exists exactly when the end does.
        var ran = await store.Change(stored, stored.State.Id, state => PostLegs(state, ct), markPending: false, ct, ended => EntryOf(ended, actor));
        var settled = ran.Stored.State;
        if (settled.IsSettled)
        {
            if (ran.Saved)
            {
                Telemetry.BusinessMetrics.Ended(settled);
            }

            // Reconciliation (对账) is told beside the audit entry (one write, no extra wait), both before the mark goes.
            var told = ends.Reached(settled, ct);

            // A movement ended before entries were kept beside it has its entry in the audit table, if it was written.
            var audited = ran.Saved || MovementAudit.Of(settled) is not var (action, detail)
                || await store.Has(settled.Id, AuditLog.BesidePrefix + action, ct)
                || await audit.RecordOnce(actor, action, settled.Id, detail, ct);
            await told;
            if (audited)
            {
                await store.ClearPending(settled.Id, mark, ct);
            }
        }

        return settled;
    }

    private TableEntity? EntryOf<T>(T state, Caller? actor)
        where T : IMovement<T> =>
        state.IsSettled && MovementAudit.Of(state) is var (action, detail) ? audit.EntryBeside(actor, action, state.Id, detail) : null;

    /// <summary>Gives a settlement back (<see cref="Settlement.StartRefund"/>): completes it first if it was interrupted,
    /// begins the refund under a pending mark of its own (or resumes one another request began), and runs it to the end.</summary>
    /// <remarks>Once begun, the refund runs to the end even if the caller goes away.</remarks>
    public async Task<Settlement> Refund(MovementStore.Stored<Settlement> stored, Caller actor, CancellationToken ct)
    {
        var id = stored.State.Id;
        if (stored.State.StartRefund().Start == RefundStart.CompleteFirst)
        {
            await Run(stored, actor, await store.MarkPending(id, nameof(Settlement), ct), CancellationToken.None);
            stored = await store.Load<Settlement>(id, ct) ?? throw new InvalidOperationException($"Movement {id} vanished.");
        }

        var begun = await store.Change(stored, id, state => Task.FromResult(state.StartRefund(clock.GetUtcNow()).After), markPending: true, ct);
        return begun.Stored.State.StartRefund().Start == RefundStart.AlreadyRefunded
            ? begun.Stored.State
            : await Run(begun.Stored, actor, begun.Mark ?? await store.MarkPending(id, nameof(Settlement), ct), CancellationToken.None);
    }

    // Posts every leg of the current stage, then closes it.
    private async Task<T> PostLegs<T>(T state, CancellationToken ct)
        where T : IMovement<T>
    {
        while (state.NextLeg() is { } leg)
        {
            var outcome = await Post(leg, ct);
            if (outcome.Conflict)
            {
                throw new InvalidOperationException($"Movement {state.Id}: the key of leg {leg.Name} was used for another posting.");
            }

            state = outcome.Refusal is { } refusal ? state.Refuse(leg, refusal) : state.Record(leg, outcome.AppliedFen);
            await checkpoint.Passed(state.Id, leg.Name, ct);
        }

        return state.Finish();
    }

    private async Task<PostingOutcome> Post(Leg leg, CancellationToken ct)
    {
        try
        {
            return await ledger.Post(leg.Account.Value, leg.Posting, ct);
        }
        catch (AccountNotOpenException)
        {
            if (!await opener.Open(leg.Account, ct))
            {
                throw;
            }

            return await ledger.Post(leg.Account.Value, leg.Posting, ct);
        }
    }
}
