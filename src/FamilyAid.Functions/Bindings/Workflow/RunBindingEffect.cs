using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>Queue function <c>BindingEffects</c>: the activity that does the effect a message points to.</summary>
public sealed partial class RunBindingEffect(BindingEffectHandler handler, ILogger<RunBindingEffect> logger) : IQueueFunction
{
    /// <inheritdoc />
    public string Name => "BindingEffects";

    /// <inheritdoc />
    public Task Run(string message, CancellationToken ct)
    {
        if (EffectMessage.Parse(message) is not { } effect)
        {
            // Not a message we send: retrying it cannot help, so it is dropped (and not poisoned).
            LogMalformed(logger);
            return Task.CompletedTask;
        }

        return handler.Handle(effect, ct);
    }

    [LoggerMessage(LogLevel.Warning, "A BindingEffects message that is not an effect pointer was dropped.")]
    private static partial void LogMalformed(ILogger logger);
}
