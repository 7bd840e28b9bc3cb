using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>Timer function <c>SweepOutbox</c>: sends outbox rows that a crash left behind.</summary>
public sealed class SweepOutbox(BindingOutbox outbox) : ITimerFunction
{
    /// <inheritdoc />
    public string Name => "SweepOutbox";

    /// <inheritdoc />
    public Task Run(CancellationToken ct) => outbox.Sweep(ct);
}
