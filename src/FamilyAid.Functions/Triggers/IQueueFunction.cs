namespace FamilyAid.Functions.Triggers;

/// <summary>A queue-triggered function: its name is its function.json folder; a throw means "try again later".</summary>
public interface IQueueFunction
{
    /// <summary>The function name.</summary>
    string Name { get; }

    /// <summary>Handles one message (at least once: it must be idempotent).</summary>
    Task Run(string message, CancellationToken ct);
}
