namespace FamilyAid.Functions.Triggers;

/// <summary>A timer-triggered function, run on its function.json NCRONTAB schedule by one instance at a time.</summary>
public interface ITimerFunction
{
    /// <summary>The function name.</summary>
    string Name { get; }

    /// <summary>One run.</summary>
    Task Run(CancellationToken ct);
}
