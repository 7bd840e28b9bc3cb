using System.Text.Json;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.Workflow;

/// <summary>Queue function <c>BindingEffectsPoison</c>: an effect that failed every try is recorded on its request's
/// timeline, so the request is not silently stuck and operators see it (OPERATIONS.md says what to do).</summary>
public sealed partial class RecordPoisonedEffect(BindingWorkflow workflow, ILogger<RecordPoisonedEffect> logger) : IQueueFunction
{
    /// <inheritdoc />
    public string Name => "BindingEffectsPoison";

    /// <inheritdoc />
    public async Task Run(string message, CancellationToken ct)
    {
        var effect = JsonSerializer.Deserialize<EffectMessage>(message, Json.Options)!;
        LogPoisoned(logger, effect.Name, effect.BindingId, effect.OutboxKey);
        await workflow.Run(effect.BindingId, null, new RecordEffectFailure(effect.Name, effect.OutboxKey, "failed every try"), ct);
    }

    [LoggerMessage(LogLevel.Critical, "Effect {Effect} of request {BindingId} ({OutboxKey}) failed every try; recorded on its timeline.")]
    private static partial void LogPoisoned(ILogger logger, string effect, string bindingId, string outboxKey);
}
