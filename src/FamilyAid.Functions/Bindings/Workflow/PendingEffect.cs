using FamilyAid.Domain.Bindings;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>An outbox row as written or read back: where it is, and the effect it asks for.</summary>
public sealed record PendingEffect(EffectMessage Message, BindingEffect Effect);
