using System.Collections.Frozen;
using System.Text.Json;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>Stores effects as their stable name plus JSON, and reads them back.</summary>
public static class BindingEffectCodec
{
    private static readonly FrozenDictionary<string, Type> Types = new Dictionary<string, Type>
    {
        ["activate-relationship"] = typeof(ActivateRelationship),
        ["release-open-request"] = typeof(ReleaseOpenRequest),
        ["schedule-timer"] = typeof(ScheduleTimer),
        ["notify"] = typeof(Notify),
        ["add-to-review-queue"] = typeof(AddToReviewQueue),
        ["remove-from-review-queue"] = typeof(RemoveFromReviewQueue),
        ["mark-escalated-in-review-queue"] = typeof(MarkEscalatedInReviewQueue),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The effect as JSON.</summary>
    public static string Serialize(BindingEffect effect) => JsonSerializer.Serialize(effect, effect.GetType(), Json.Options);

    /// <summary>The effect named <paramref name="name"/> from its JSON.</summary>
    public static BindingEffect Deserialize(string name, string json) =>
        Types.TryGetValue(name, out var type)
            ? (BindingEffect)JsonSerializer.Deserialize(json, type, Json.Options)!
            : throw new InvalidOperationException($"Unknown binding effect '{name}'.");

    /// <summary>The types with a name here (a test checks every effect type has one).</summary>
    public static IReadOnlyCollection<Type> KnownTypes => Types.Values;
}
