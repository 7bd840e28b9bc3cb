using FamilyAid.Functions.Hosting;
using FamilyAid.Functions.Settings;
using Microsoft.Extensions.Configuration;

namespace FamilyAid.Functions.Tests.Hosting;

public sealed class LocalSettingsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("familyaid-settings-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(folder, "local.settings.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Values_with_double_underscores_become_sections()
    {
        var path = Write("""
            {
              // comments are allowed, as the Functions tools allow them
              "IsEncrypted": false,
              "Values": { "Auth__SigningKey": "abc", "A__B__C": "deep", "Plain": "p", "Number": 5 },
              "Host": { "LocalHttpPort": 7071 }
            }
            """);

        var config = new ConfigurationBuilder().Add(new LocalSettingsSource(path)).Build();

        Assert.Equal("abc", config["Auth:SigningKey"]);
        Assert.Equal("deep", config["A:B:C"]);
        Assert.Equal("deep", config.GetSection("A").GetSection("B")["C"]);
        Assert.Equal("p", config["Plain"]);
        Assert.Equal("5", config["Number"]);
        Assert.Null(config["Auth__SigningKey"]);
        Assert.Null(config["Host:LocalHttpPort"]);
        Assert.Null(config["IsEncrypted"]);
    }

    [Fact]
    public void A_missing_file_gives_nothing_and_a_broken_one_names_itself()
    {
        var none = new ConfigurationBuilder().Add(new LocalSettingsSource(Path.Combine(folder, "absent.json"))).Build();
        Assert.Empty(none.AsEnumerable());

        var path = Write("{ \"Values\": { \"A\": ");
        var error = Assert.Throws<SettingsException>(() => new ConfigurationBuilder().Add(new LocalSettingsSource(path)).Build());
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_overrides_local_settings_which_override_app_settings()
    {
        // Given a variable in the environment and a local.settings.json that sets the same and other keys
        var prefix = "FamilyAidProbe" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable($"{prefix}__FromEnv", "environment");
        try
        {
            var path = Write($$"""
                { "Values": { "{{prefix}}__FromEnv": "file", "{{prefix}}__FromFile": "file", "{{prefix}}__OverAppSettings": "file" } }
                """);

            // When configuration is built the way WebApplication builds it, and local settings are added last
            var config = new ConfigurationManager();
            config.AddEnvironmentVariables(prefix: "DOTNET_");
            config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{prefix}:OverAppSettings"] = "appsettings",
                [$"{prefix}:OnlyAppSettings"] = "appsettings",
            });
            config.AddEnvironmentVariables();
            config.AddInMemoryCollection(new Dictionary<string, string?> { [$"{prefix}:FromCommandLine"] = "command line" });
            App.AddLocalSettings(config, path);

            // Then the environment wins over the file, and the file wins over what sits below the environment
            Assert.Equal("environment", config[$"{prefix}:FromEnv"]);
            Assert.Equal("file", config[$"{prefix}:FromFile"]);
            Assert.Equal("file", config[$"{prefix}:OverAppSettings"]);
            Assert.Equal("appsettings", config[$"{prefix}:OnlyAppSettings"]);
            Assert.Equal("command line", config[$"{prefix}:FromCommandLine"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{prefix}__FromEnv", null);
        }
    }

    [Fact]
    public void Without_an_environment_source_local_settings_go_on_top()
    {
        var path = Write("""{ "Values": { "Probe__Key": "file" } }""");
        var config = new ConfigurationManager();
        config.AddInMemoryCollection(new Dictionary<string, string?> { ["Probe:Key"] = "memory" });

        App.AddLocalSettings(config, path);

        Assert.Equal("file", config["Probe:Key"]);
    }

    [Fact]
    public void The_sample_settings_hold_every_required_setting()
    {
        // Given the sample that a developer copies to local.settings.json, as it is
        var sample = Path.Combine(AppEndpoints.RepoRoot(), "local.settings.sample.json");
        var config = new ConfigurationBuilder().Add(new LocalSettingsSource(sample)).Build();

        // When the app reads its settings from it
        var settings = SettingsTests.Load(config);

        // Then they are complete and point at the local storage emulator
        Assert.Equal("UseDevelopmentStorage=true", settings.Storage.Connection);
        Assert.Equal(10_485_760, settings.Documents.MaxBytes);
        Assert.NotNull(settings.Auth.SigningKey);
    }
}
