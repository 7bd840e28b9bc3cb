using System.Text.Json;

namespace FamilyAid.Functions.Triggers;

/// <summary>A non-HTTP function as its function.json declares it.</summary>
/// <param name="BlobPath">A blob trigger's path: <c>container/prefix/{name}</c>.</param>
public sealed record FunctionDefinition(string Name, string Trigger, string? QueueName, string? Schedule, string? BlobPath = null)
{
    /// <summary>Every queue, timer and blob function under <paramref name="appRoot"/> (folders with a function.json).</summary>
    public static IReadOnlyList<FunctionDefinition> Load(string appRoot)
    {
        var list = new List<FunctionDefinition>();
        foreach (var file in Directory.EnumerateFiles(appRoot, "function.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var binding in document.RootElement.GetProperty("bindings").EnumerateArray())
            {
                var type = binding.GetProperty("type").GetString();
                if (type is "queueTrigger" or "timerTrigger" or "blobTrigger")
                {
                    list.Add(new FunctionDefinition(
                        Path.GetFileName(Path.GetDirectoryName(file))!,
                        type,
                        binding.TryGetProperty("queueName", out var queue) ? queue.GetString() : null,
                        binding.TryGetProperty("schedule", out var schedule) ? schedule.GetString() : null,
                        binding.TryGetProperty("path", out var path) ? path.GetString() : null));
                }
            }
        }

        return list;
    }
}
