using System.Text.Json;

namespace FamilyAid.Functions.Hosting;

/// <summary>Reads the <c>Values</c> of <c>local.settings.json</c>, as the Functions host does locally.</summary>
/// <remarks>The host turns Values into environment variables, so <c>A__B</c> means <c>A:B</c>; the
/// source sits below the real environment so that an exported variable still wins.</remarks>
public sealed class LocalSettingsSource(string path) : IConfigurationSource
{
    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(path);

    private sealed class Provider(string path) : ConfigurationProvider
    {
        public override void Load()
        {
            Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (!File.Exists(path))
            {
                return;
            }

            using var document = ParseFile(path);
            if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var value in values.EnumerateObject())
            {
                Data[value.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
            }
        }

        private static JsonDocument ParseFile(string path)
        {
            try
            {
                return JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException e)
            {
                throw new SettingsException($"{path} is not valid JSON (line {e.LineNumber + 1}).");
            }
        }
    }
}
