using System.Text.Json;

namespace FamilyAid.Functions.Triggers;

/// <summary>A non-HTTP function as its function.json declares it.</summary>
public sealed record FunctionDefinition(string Name, string Trigger, string? QueueName, string? Schedule)
{
    /// <summary>Every queue and timer function under <paramref name="appRoot"/> (folders with a function.json).</summary>
    public static IReadOnlyList<FunctionDefinition> Load(string appRoot)
    {
        var list = new List<FunctionDefinition>();
        foreach (var file in Directory.EnumerateFiles(appRoot, "function.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var binding in document.RootElement.GetProperty("bindings").EnumerateArray())
            {
                var type = binding.GetProperty("type").GetString();
                if (type is "queueTrigger" or "timerTrigger")
                {
                    list.Add(new FunctionDefinition(
                        Path.GetFileName(Path.GetDirectoryName(file))!,
                        type,
                        binding.TryGetProperty("queueName", out var queue) ? queue.GetString() : null,
                        binding.TryGetProperty("schedule", out var schedule) ? schedule.GetString() : null));
                }
            }
        }

        return list;
    }
}
