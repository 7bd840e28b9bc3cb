namespace FamilyAid.Functions.Workflow;

/// <summary>A queue message: one outbox row of one request. <see cref="OutboxKey"/> makes the effect's idempotency key.</summary>
public sealed record EffectMessage(string BindingId, string OutboxKey, string Name, string Data);
