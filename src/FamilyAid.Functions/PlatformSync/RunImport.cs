using System.Text.Json;
using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>Queue function <c>RunImport</c>: a pointer <c>{importId}</c> runs that import from its checkpoint.</summary>
public sealed partial class RunImport(ImportRunner runner, ImportStore store, ImportStorage storage, TimeProvider clock, ILogger<RunImport> logger)
    : IQueueFunction
{
    /// <summary>The function name (and its function.json folder).</summary>
    public const string FunctionName = "RunImport";

    /// <summary>This process's name as a runner.</summary>
    private readonly string owner = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <inheritdoc />
    public string Name => FunctionName;

    /// <inheritdoc />
    public async Task Run(string message, CancellationToken ct)
    {
        if (ImportId(message) is not { } importId)
        {
            LogMalformed(logger);
            return;
        }

        if (await runner.Run(importId, owner, ct) == RunOutcome.Busy && await store.Get(importId, ct) is { LeaseUntil: { } until })
        {
            // Another runner has it; should that runner have died, this pointer comes back when its claim runs out.
            var wait = until - clock.GetUtcNow();
            await storage.Enqueue(importId, wait > TimeSpan.Zero ? wait + TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1), ct);
        }
    }

    private static string? ImportId(string message)
    {
        try
        {
            return JsonDocument.Parse(message).RootElement.TryGetProperty("importId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(LogLevel.Warning, "A RunImport message that is not an import pointer was dropped.")]
    private static partial void LogMalformed(ILogger logger);
}
