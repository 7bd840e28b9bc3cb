using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>Timer function <c>FireTimers</c>: every due timer becomes a <see cref="FireTimer"/> command; the decider ignores stale ones.</summary>
public sealed class FireTimers(TimerStore timers, BindingWorkflow workflow, TimeProvider clock) : ITimerFunction
{
    /// <summary>Timers handled per run; the rest wait for the next.</summary>
    public const int Batch = 200;

    /// <inheritdoc />
    public string Name => "FireTimers";

    /// <inheritdoc />
    public async Task Run(CancellationToken ct)
    {
        foreach (var timer in await timers.Due(clock.GetUtcNow(), Batch, ct))
        {
            await workflow.Run(timer.BindingId, null, new FireTimer(timer.DueAt), ct);
            await timers.Remove(timer, ct);
        }
    }
}
