using System.Text.Json;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>A queue message: a message to one outbox row of one request, and nothing else.</summary>
/// <remarks>The handler reads the row and the request it points to and acts only when they agree, so a message
/// carries no instruction of its own: a forged or replayed one changes nothing.</remarks>
public sealed record EffectMessage(string BindingId, string OutboxKey)
{
    /// <summary>The message in a message's text, or null when it holds none; whatever else it carries is ignored.</summary>
    public static EffectMessage? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<EffectMessage>(text, Json.Options) is { BindingId: not null, OutboxKey: not null } found ? found : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
