using System.Text.Json;
using System.Text.Json.Nodes;

namespace FamilyAid.Functions.Triggers;

/// <summary>The custom-handler invocation protocol: the Functions host POSTs <c>/{FunctionName}</c> with
/// <c>{"Data": {...}, "Metadata": {...}}</c> and reads <c>{"Outputs", "Logs", "ReturnValue"}</c>; a non-2xx
/// answer is a failed run (a queue message is then retried and, in the end, poisoned by the host).</summary>
public static class TriggerInvocation
{
    /// <summary>Maps one POST route per queue, blob and timer function, outside /api, only where the Functions host invokes
    /// them (it reaches them on loopback, the only address the app listens on); where the app runs its own triggers
    /// there is nobody to invoke them, so they do not exist.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<TriggerSettings>().RunLocally)
        {
            return;
        }

        foreach (var function in app.ServiceProvider.GetServices<IQueueFunction>())
        {
            app.MapPost($"/{function.Name}", async (HttpRequest request, TimeProvider clock, CancellationToken ct) =>
            {
                var (message, insertedOn) = await MessageOf(request, ct);
                if (message is null)
                {
                    return Results.BadRequest();
                }

                Telemetry.BusinessMetrics.Waited(function.Name, insertedOn, clock.GetUtcNow());
                await function.Run(message, ct);
                return Done();
            }).AllowAnonymous().ExcludeFromDescription().WithName($"{function.Name}Invocation");
        }

        foreach (var function in app.ServiceProvider.GetServices<IBlobFunction>())
        {
            app.MapPost($"/{function.Name}", async (HttpRequest request, CancellationToken ct) =>
            {
                var blobName = await BlobNameOf(request, ct);
                if (blobName is null)
                {
                    return Results.BadRequest();
                }

                await function.Run(blobName, ct);
                return Done();
            }).AllowAnonymous().ExcludeFromDescription().WithName($"{function.Name}Invocation");
        }

        foreach (var function in app.ServiceProvider.GetServices<ITimerFunction>())
        {
            app.MapPost($"/{function.Name}", async (CancellationToken ct) =>
            {
                await function.Run(ct);
                return Done();
            }).AllowAnonymous().ExcludeFromDescription().WithName($"{function.Name}Invocation");
        }
    }

    // The protocol's names are PascalCase, not the API's camelCase.
    private static readonly JsonSerializerOptions InvocationJson = new();

    private static IResult Done() =>
        Results.Json(new { Outputs = new { }, Logs = Array.Empty<string>(), ReturnValue = (object?)null }, InvocationJson);

    // A blob trigger's Metadata.BlobTrigger is "container/name"; the blob's name is what follows the container.
    private static async Task<string?> BlobNameOf(HttpRequest request, CancellationToken ct)
    {
        try
        {
            var payload = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
            var path = payload?["Metadata"]?["BlobTrigger"] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
            var slash = path?.IndexOf('/', StringComparison.Ordinal) ?? -1;
            return slash > 0 ? path![(slash + 1)..] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The trigger's value is the one entry of Data: the message text, or the message parsed when it was JSON; the
    // queue trigger's Metadata says when the message was queued (InsertionTime).
    private static async Task<(string? Message, DateTimeOffset? InsertedOn)> MessageOf(HttpRequest request, CancellationToken ct)
    {
        try
        {
            var payload = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
            var data = payload?["Data"]?.AsObject();
            var value = data?.Count == 1 ? data.First().Value : null;
            var inserted = payload?["Metadata"]?["InsertionTime"] is JsonValue time && time.TryGetValue<string>(out var t)
                && DateTimeOffset.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
            return (value is JsonValue text && text.TryGetValue<string>(out var s) ? s : value?.ToJsonString(), inserted);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
