using System.Text.Json;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.Workflow;

/// <summary>Queue function <c>BindingEffects</c>: the activity that does one effect from the outbox.</summary>
public sealed class RunBindingEffect(BindingEffectHandler handler) : IQueueFunction
{
    /// <inheritdoc />
    public string Name => "BindingEffects";

    /// <inheritdoc />
    public Task Run(string message, CancellationToken ct) =>
        handler.Handle(JsonSerializer.Deserialize<EffectMessage>(message, Json.Options)!, ct);
}
