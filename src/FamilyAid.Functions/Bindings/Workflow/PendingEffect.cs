using Azure;
using FamilyAid.Domain.Bindings;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>An outbox row as written or read back: where it is, the effect it asks for, and its ETag when read.</summary>
public sealed record PendingEffect(EffectMessage Message, BindingEffect Effect, ETag ETag = default);
