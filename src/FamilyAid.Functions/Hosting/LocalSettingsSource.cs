using System.Text.Json;
using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Hosting;

/// <summary>Reads the <c>Values</c> of <c>local.settings.json</c>, as the Functions host does locally.</summary>
/// <remarks>The host turns Values into environment variables, so <c>A__B</c> means <c>A:B</c>; the
/// source sits below the real environment so that an exported variable still wins.</remarks>
public sealed class LocalSettingsSource(string path) : IConfigurationSource
{
    /// <summary>The local.settings.json of the app folder: the first one found from <paramref name="directory"/>
    /// upwards, stopping at the folder that holds host.json (the app root, as the Functions host sees it).</summary>
    /// <remarks><c>dotnet run --project</c> starts the app in its project folder, below the repository root.</remarks>
    public static string Locate(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "local.settings.json");
            if (File.Exists(candidate) || File.Exists(Path.Combine(dir.FullName, "host.json")))
            {
                return candidate;
            }
        }

        return Path.Combine(directory, "local.settings.json");
    }

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
