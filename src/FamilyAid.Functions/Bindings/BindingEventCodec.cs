using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Identity;
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
        ["proxy-limit"] = typeof(ProxyLimitReached),
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
            ? (BindingEvent)JsonSerializer.Deserialize(type == typeof(BindingRequested) ? WithoutBirthDate(json) : json, type, Json.Options)!
            : throw new InvalidOperationException($"Unknown binding event '{name}'.");

    /// <summary>A requested event as this build reads it: one written before the member's birth date was dropped (it
    /// rebuilt the resident ID beside the mask) carries <c>memberBirthDate</c> and no <c>faceCheckRequired</c>, and
    /// <see cref="Json.Options"/> refuses unknown members. The flag is worked out from the date as intake did, the date dropped.</summary>
    private static string WithoutBirthDate(string json)
    {
        if (!json.Contains("\"memberBirthDate\"", StringComparison.Ordinal))
        {
            return json;
        }

        var requested = JsonNode.Parse(json)!.AsObject();
        requested.Remove("memberBirthDate", out var birthDate);
        if (!requested.ContainsKey("faceCheckRequired"))
        {
            var born = DateOnly.ParseExact(birthDate!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var at = requested["at"].Deserialize<DateTimeOffset>(Json.Options);
            requested["faceCheckRequired"] = Age.InYears(born, Age.ChinaDate(at)) >= requested["faceCheckMinAge"]!.GetValue<int>();
        }

        return requested.ToJsonString();
    }

    /// <summary>Whether every event type has a name here (checked by a test).</summary>
    public static IReadOnlyCollection<Type> KnownTypes => Types.Values;
}
