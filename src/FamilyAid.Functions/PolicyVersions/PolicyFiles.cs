using System.Text.Json;
using FamilyAid.Domain.Geography;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.PolicyVersions;

/// <summary>Reads the policy files (<c>policies/*.json</c> beside the app, or the folder of setting
/// <c>Policies:Directory</c>) into the <see cref="PolicyBook"/> at start; bad data stops the start, naming file and field.</summary>
public static class PolicyFiles
{
    /// <summary>The setting that names another folder of policy files.</summary>
    public const string DirectorySetting = "Policies:Directory";

    /// <summary>The book of every file in the folder, or a <see cref="SettingsException"/> naming the first fault.</summary>
    public static PolicyBook Read(IConfiguration config)
    {
        var directory = config[DirectorySetting] is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "policies");
        if (!Directory.Exists(directory))
        {
            throw SettingsReader.Bad(DirectorySetting, $"names the folder '{directory}', which does not exist");
        }

        var files = new Dictionary<string, (string Path, PolicyFile Data)>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var data = Parse(path);
            if (data.Region != RegionPolicy.NationalRegion && data.Region != PolicyFile.EveryProvince && Province.ForSlug(data.Region) is null)
            {
                throw Fault(path, $"region '{data.Region}' is not 'national', '*' or a province");
            }

            if (!files.TryAdd(data.Region, (path, data)))
            {
                throw Fault(path, $"region '{data.Region}' has a file already ('{files[data.Region].Path}')");
            }
        }

        return Book(directory, files);
    }

    private static PolicyBook Book(string directory, Dictionary<string, (string Path, PolicyFile Data)> files)
    {
        var versions = new List<RegionPolicy>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (region, (path, data)) in files)
        {
            // The template for every province stands back where a province has a file of its own.
            var targets = region == PolicyFile.EveryProvince
                ? Province.All.Select(p => p.Slug).Where(slug => !files.ContainsKey(slug))
                : [region];
            foreach (var target in targets)
            {
                var (read, fault) = data.For(target);
                if (read is null)
                {
                    throw Fault(path, fault!);
                }

                if (read.FirstOrDefault(v => !ids.TryAdd(v.Version, path)) is { } twice)
                {
                    throw Fault(path, $"version id '{twice.Version}' is used already (in '{ids[twice.Version]}')");
                }

                versions.AddRange(read);
            }
        }

        var (book, bookFault) = PolicyBook.Of(versions);
        return book ?? throw new SettingsException($"Policy files in '{directory}': {bookFault}.");
    }

    private static PolicyFile Parse(string path)
    {
        try
        {
            return PolicyFile.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw Fault(path, $"malformed: {e.Message}");
        }
    }

    private static SettingsException Fault(string path, string fault) => new($"Policy file '{path}': {fault}.");
}
