using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>Queue function <c>BindingEffectsPoison</c>: an effect that failed every try is recorded on its request's
/// timeline, so the request is not silently stuck and operators see it (OPERATIONS.md says what to do).</summary>
/// <remarks>Like every effect message, a poisoned one is only a pointer: it is recorded only when it points to an
/// outbox row still pending, whose row is then marked so that the sweep stops sending it.</remarks>
public sealed partial class RecordPoisonedEffect(BindingOutbox outbox, BindingWorkflow workflow, ILogger<RecordPoisonedEffect> logger) : IQueueFunction
{
    /// <inheritdoc />
    public string Name => "BindingEffectsPoison";

    /// <inheritdoc />
    public async Task Run(string message, CancellationToken ct)
    {
        Telemetry.BusinessMetrics.Poison(Name);
        if (EffectMessage.Parse(message) is not { } effect || await outbox.Find(effect, ct) is not { } pending)
        {
            LogNoSuchEffect(logger);
            return;
        }

        LogPoisoned(logger, pending.Effect.Name, effect.BindingId, effect.OutboxKey);
        await workflow.Run(effect.BindingId, null, new RecordEffectFailure(pending.Effect.Name, effect.OutboxKey, "failed every try"), ct);
        await outbox.MarkFailed(pending, ct);
    }

    [LoggerMessage(LogLevel.Critical, "Effect {Effect} of request {BindingId} ({OutboxKey}) failed every try; recorded on its timeline.")]
    private static partial void LogPoisoned(ILogger logger, string effect, string bindingId, string outboxKey);

    [LoggerMessage(LogLevel.Warning, "A poisoned effect message points to no pending effect (done meanwhile, or forged); nothing was recorded.")]
    private static partial void LogNoSuchEffect(ILogger logger);
}
