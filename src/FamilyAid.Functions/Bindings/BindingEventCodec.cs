using System.Collections.Frozen;
using System.Text.Json;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Bindings;

/// <summary>Stores binding events as their stable name plus JSON, and reads them back.</summary>
public static class BindingEventCodec
{
    private static readonly FrozenDictionary<string, Type> Types = new Dictionary<string, Type>
    {
        ["requested"] = typeof(BindingRequested),
        ["document-uploaded"] = typeof(DocumentRecorded),
        ["submitted"] = typeof(BindingSubmitted),
        ["activation-started"] = typeof(ActivationStarted),
        ["already-in-group"] = typeof(GroupPlaceTaken),
        ["approved"] = typeof(BindingApproved),
        ["cancelled"] = typeof(BindingCancelled),
        ["review-approved"] = typeof(ReviewApproved),
        ["verified-offline"] = typeof(VerifiedOffline),
        ["rejected"] = typeof(BindingRejected),
        ["face-check-started"] = typeof(FaceCheckStarted),
        ["face-check-passed"] = typeof(FaceCheckPassed),
        ["face-check-failed"] = typeof(FaceCheckFailed),
        ["review-escalated"] = typeof(ReviewEscalated),
        ["expired"] = typeof(BindingExpired),
        ["effect-failed"] = typeof(EffectFailed),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The event as JSON.</summary>
    public static string Serialize(BindingEvent @event) => JsonSerializer.Serialize(@event, @event.GetType(), Json.Options);

    /// <summary>The event named <paramref name="name"/> from its JSON.</summary>
    public static BindingEvent Deserialize(string name, string json) =>
        Types.TryGetValue(name, out var type)
            ? (BindingEvent)JsonSerializer.Deserialize(json, type, Json.Options)!
            : throw new InvalidOperationException($"Unknown binding event '{name}'.");

    /// <summary>Whether every event type has a name here (checked by a test).</summary>
    public static IReadOnlyCollection<Type> KnownTypes => Types.Values;
}
