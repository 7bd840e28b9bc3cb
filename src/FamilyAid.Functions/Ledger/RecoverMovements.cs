using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.Ledger;

/// <summary>Timer function <c>RecoverMovements</c>: finishes settlements, refunds and transfers that a crash left with
/// legs missing. Their legs replay by key, so finishing one twice, or beside a live retry, moves nothing twice.</summary>
public sealed partial class RecoverMovements(
    MovementStore movements, MovementRunner runner, LedgerSettings settings, TimeProvider clock, ILogger<RecoverMovements> logger) : ITimerFunction
{
    /// <summary>How many movements one run looks at.</summary>
    public const int Batch = 100;

    /// <inheritdoc />
    public string Name => "RecoverMovements";

    /// <inheritdoc />
    public async Task Run(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var pending in await movements.Pending(now - settings.RecoveryAfter, Batch, ct))
        {
            bool finished;
            try
            {
                finished = pending.Kind switch
                {
                    nameof(Settlement) => await Finish<Settlement>(pending, ct),
                    nameof(Transfer) => await Finish<Transfer>(pending, ct),
                    _ => false,
                };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One movement that cannot finish must not hold up the others: it is marked again, so that the next
                // runs look at the rest first, and tried again once it is due.
                LogStuck(logger, pending.Kind, pending.Id, pending.Since, e);
                await movements.MarkPending(pending.Id, pending.Kind, ct);
                continue;
            }

            if (!finished)
            {
                // Marked, but the request died before recording any state: no leg can have been posted. A request
                // that marked it again since (a retry taking over) keeps its mark.
                await movements.ClearPending(pending.Id, pending.Mark, ct);
            }
            else
            {
                LogRecovered(logger, pending.Kind, pending.Id, pending.Since);
            }
        }
    }

    private async Task<bool> Finish<T>(MovementStore.PendingMovement pending, CancellationToken ct)
        where T : IMovement<T>
    {
        if (await movements.Load<T>(pending.Id, ct) is not { } stored)
        {
            return false;
        }

        await runner.Run(stored, actor: null, pending.Mark, ct);
        return true;
    }

    [LoggerMessage(LogLevel.Error, "Could not finish {Kind} {Id}, unfinished since {Since}; it stays pending.")]
    private static partial void LogStuck(ILogger logger, string kind, string id, DateTimeOffset since, Exception error);

    [LoggerMessage(LogLevel.Warning, "Recovered {Kind} {Id}, unfinished since {Since}.")]
    private static partial void LogRecovered(ILogger logger, string kind, string id, DateTimeOffset since);
}
