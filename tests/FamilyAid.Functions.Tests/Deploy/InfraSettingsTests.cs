using System.Text.RegularExpressions;
using FamilyAid.Functions.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace FamilyAid.Functions.Tests.Deploy;

/// <summary>Every app setting the code reads is set in infra/ or has a default: the settings readers succeed on a
/// configuration holding only the Bicep's app settings, and the Bicep sets nothing the code does not read.</summary>
public sealed partial class InfraSettingsTests
{
    // Read by the Functions host, not by the app.
    private static readonly string[] HostSettings = ["AzureWebJobsStorage__credential", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];

    /// <summary>The app settings names in modules/functionapp.bicep (its appSettings object, and one encryption key per id).</summary>
    private static List<string> BicepSettings()
    {
        var text = File.ReadAllText(Path.Combine(Bicep.Infra, "modules", "functionapp.bicep"));
        var block = text[text.IndexOf("// BEGIN appSettings", StringComparison.Ordinal)..text.IndexOf("// END appSettings", StringComparison.Ordinal)];
        var names = SettingName().Matches(block).Select(m => m.Groups[1].Value).ToList();
        // The encryption keys are named by id ('Privacy__EncryptionKeys__${id}'); the dev parameters keep k1.
        Assert.Contains("'Privacy__EncryptionKeys__${id}'", text, StringComparison.Ordinal);
        names.Add("Privacy__EncryptionKeys__k1");
        return names;
    }

    /// <summary>A plausible value for each Bicep setting (Key Vault references resolve to the test keys).</summary>
    private static Dictionary<string, string?> AzureLike(IEnumerable<string> names)
    {
        var test = FamilyAidApp.Settings();
        return names.ToDictionary(n => n.Replace("__", ":", StringComparison.Ordinal), n => (string?)(n switch
        {
            "AzureWebJobsStorage__accountName" => "famaiddev",
            "AzureWebJobsStorage__clientId" => "00000000-0000-0000-0000-0000000000c1",
            "ForwardedHeaders__KnownProxies" => "127.0.0.1",
            "Triggers__Local" => "false",
            _ => test.GetValueOrDefault(n.Replace("__", ":", StringComparison.Ordinal)) ?? "",
        }));
    }

    [Fact]
    public void The_settings_in_the_bicep_alone_start_the_app_and_every_one_of_them_is_read()
    {
        // Given a configuration holding only the app settings the Bicep sets, and a record of every key the code asks for
        var names = BicepSettings();
        var config = new RecordingConfiguration(new ConfigurationBuilder().AddInMemoryCollection(AzureLike(names)).Build());
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config);
        FamilyAid.Functions.Hosting.App.AddSettings(services);
        using var provider = services.BuildServiceProvider();

        // When every feature's settings are read and checked, as at start
        var error = Record.Exception(() => SettingsOptions.Validate(provider));
        FamilyAid.Functions.Telemetry.TelemetrySetup.Add(new ServiceCollection(), config);

        // Then nothing is missing: each setting without a default is in the Bicep
        Assert.True(error is null, $"The Bicep's app settings do not start the app: {error?.Message}");

        // And the Bicep sets only settings the app (or the Functions host) reads
        var unread = names.Except(HostSettings)
            .Where(n => !config.Asked.Contains(n.Replace("__", ":", StringComparison.Ordinal)))
            .Where(n => !config.Asked.Any(a => n.Replace("__", ":", StringComparison.Ordinal).StartsWith(a + ":", StringComparison.Ordinal)))
            .ToList();
        Assert.True(unread.Count == 0, $"Set in the Bicep but read by nobody: {string.Join(", ", unread)}");
    }

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:", RegexOptions.Multiline)]
    private static partial Regex SettingName();

    /// <summary>A configuration that remembers which keys and sections were asked for.</summary>
    private sealed class RecordingConfiguration(IConfiguration inner) : IConfiguration
    {
        public HashSet<string> Asked { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? this[string key]
        {
            get
            {
                Asked.Add(key);
                return inner[key];
            }
            set => inner[key] = value;
        }

        public IConfigurationSection GetSection(string key)
        {
            Asked.Add(key);
            return inner.GetSection(key);
        }

        public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren();

        public IChangeToken GetReloadToken() => inner.GetReloadToken();
    }
}
