using Azure;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;

namespace FamilyAid.Functions.Ledger;

/// <summary>Runs money movements: posts each next leg, then saves the finished stage; the same code serves the first
/// run, a retry and recovery, because posted legs replay by their keys.</summary>
/// <remarks>The run that reaches an end audits it before clearing the pending mark, so a crash in between, or an audit
/// entry storage refused, leaves the entry for the next run (a retry or recovery) to write.</remarks>
public sealed class MovementRunner(AccountLedger ledger, AccountOpener opener, MovementStore store, LegCheckpoint checkpoint, AuditLog audit)
{
    /// <summary>Runs <paramref name="stored"/> to the end of its current stage and saves it; returns the saved state.</summary>
    /// <param name="actor">Who the audit names if this run ends the movement; null for the system.</param>
    /// <param name="mark">The pending mark this run was started under, cleared when the movement is settled.</param>
    public async Task<T> Run<T>(MovementStore.Stored<T> stored, Caller? actor, ETag mark, CancellationToken ct)
        where T : IMovement<T>
    {
        var endedHere = false;
        while (true)
        {
            var state = stored.State;
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

            state = state.Finish();
            if (!EqualityComparer<T>.Default.Equals(state, stored.State))
            {
                if (await store.Save(state.Id, state, stored.ETag, ct) is null)
                {
                    // Another run (a retry, recovery, a refund) saved first: continue from what it saved.
                    stored = await store.Load<T>(state.Id, ct) ?? throw new InvalidOperationException($"Movement {state.Id} vanished.");
                    continue;
                }

                endedHere = state.IsSettled;
            }

            if (state.IsSettled)
            {
                // Only the run whose save ended the movement knows no entry exists yet.
                var audited = MovementAudit.Of(state) is not var (action, detail)
                    || await (endedHere
                        ? audit.Record(actor, action, state.Id, detail, ct)
                        : audit.RecordOnce(actor, action, state.Id, detail, ct));
                if (audited)
                {
                    await store.ClearPending(state.Id, mark, ct);
                }
            }

            return state;
        }
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
