using FamilyAid.Functions.Bindings;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Bindings.Documents;
using FamilyAid.Functions.Bindings.FaceCheck;
using FamilyAid.Functions.Hosting;
using FamilyAid.Functions.Settings;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Hosting;

public sealed class SettingsTests
{
    /// <summary>Every feature's settings as the app registers them, checked as at start.</summary>
    internal static Loaded Load(IConfiguration config)
    {
        var services = new ServiceCollection().AddSingleton(config);
        App.AddSettings(services);
        var provider = services.BuildServiceProvider();
        SettingsOptions.Validate(provider);
        return new Loaded(provider);
    }

    private static Loaded Load(Action<Dictionary<string, string?>> adjust)
    {
        var settings = FamilyAidApp.Settings();
        settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        adjust(settings);
        return Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    /// <summary>The settings the tests look at, by feature.</summary>
    internal sealed record Loaded(IServiceProvider Services)
    {
        public StorageSettings Storage => Services.GetRequiredService<StorageSettings>();

        public AuthSettings Auth => Services.GetRequiredService<AuthSettings>();

        public FaceCheckSettings FaceCheck => Services.GetRequiredService<FaceCheckSettings>();

        public DocumentSettings Documents => Services.GetRequiredService<DocumentSettings>();

        public BindingSettings Bindings => Services.GetRequiredService<BindingSettings>();

        public HostingSettings Hosting => Services.GetRequiredService<HostingSettings>();
    }

    private static void Refused(string setting, Action<Dictionary<string, string?>> adjust)
    {
        var error = Assert.Throws<SettingsException>(() => Load(adjust));
        Assert.Contains($"'{setting}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_settings_load()
    {
        var settings = Load(_ => { });

        Assert.Equal("UseDevelopmentStorage=true", settings.Storage.Connection);
        Assert.Equal(FamilyAidApp.SigningKey, settings.Auth.SigningKey);
        Assert.Equal(FamilyAidApp.CallbackSecret, settings.FaceCheck.CallbackSecret);
        Assert.Equal(FamilyAidApp.DocumentLimit, settings.Documents.MaxBytes);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("Auth:SigningKey")]
    [InlineData("FaceCheck:CallbackSecret")]
    [InlineData("Privacy:ActiveKeyId")]
    [InlineData("Privacy:BlindIndexKey")]
    [InlineData("PaymentCodes:SigningKey")]
    public void A_missing_required_setting_is_named(string setting)
    {
        Refused(setting, s => s.Remove(setting));
        Refused(setting, s => s[setting] = "  ");
    }

    [Fact]
    public void A_missing_required_setting_is_named_with_its_environment_variable()
    {
        var error = Assert.Throws<SettingsException>(() => Load(s => s.Remove("FaceCheck:CallbackSecret")));

        Assert.Contains("FaceCheck__CallbackSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_active_encryption_key_must_be_configured()
    {
        Refused("Privacy:EncryptionKeys:k1", s => s.Remove("Privacy:EncryptionKeys:k1"));
        Refused("Privacy:EncryptionKeys:k2", s => s["Privacy:ActiveKeyId"] = "k2");
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "Auth:SigningKey", "only-31-bytes-long-0123456789ab" },
        { "Privacy:EncryptionKeys:k1", Convert.ToBase64String(new byte[16]) },
        { "Privacy:EncryptionKeys:k1", Convert.ToBase64String(new byte[33]) },
        { "Privacy:EncryptionKeys:k1", "not base64 at all!" },
        { "Privacy:BlindIndexKey", Convert.ToBase64String(new byte[31]) },
        { "Privacy:BlindIndexKey", "%%%%" },
        { "PaymentCodes:SigningKey", Convert.ToBase64String(new byte[16]) },
        { "PaymentCodes:LifetimeSeconds", "0" },
        { "Ledger:RecoverySeconds", "soon" },
        { "FaceCheck:CallbackSecret", "short" },
        { "Documents:MaxBytes", "abc" },
        { "Documents:MaxBytes", "0" },
        { "Documents:MaxBytes", "-5" },
        { "Documents:MaxBytes", "1.5" },
        { "Bindings:DocumentsDays", "seven" },
        { "Bindings:FaceCheckDays", "0" },
        { "Bindings:ReviewWorkingDays", "-1" },
        { "Bindings:Holidays", "2026-13-01" },
        { "Bindings:Holidays", "2026-10-01,2026-10-32" },
        { "Bindings:WorkingWeekends", "2026/09/27" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_setting_is_named(string setting, string value)
    {
        Refused(setting, s => s[setting] = value);
    }

    [Fact]
    public void A_signing_key_of_exactly_32_bytes_is_enough()
    {
        var key = new string('k', 32);

        Assert.Equal(key, Load(s => s["Auth:SigningKey"] = key).Auth.SigningKey);
    }

    [Fact]
    public void Unset_optional_settings_take_their_defaults()
    {
        var settings = Load(s =>
        {
            s.Remove("Documents:MaxBytes");
            s.Remove("Auth:Issuer");
            s.Remove("Auth:Audience");
        });

        Assert.Equal(10_485_760, settings.Documents.MaxBytes);
        Assert.Equal(TimeSpan.FromDays(7), settings.Bindings.Timeouts.Documents);
        Assert.Equal(TimeSpan.FromDays(3), settings.Bindings.Timeouts.FaceCheck);
        Assert.Equal(1, settings.Bindings.Timeouts.ReviewWorkingDays);
        Assert.Empty(settings.Bindings.Calendar.Holidays);
        Assert.Empty(settings.Bindings.Calendar.WorkingWeekends);
        Assert.Equal("familyaid", settings.Auth.Issuer);
        Assert.Equal("familyaid", settings.Auth.Audience);
    }

    [Fact]
    public void Set_optional_settings_are_read()
    {
        var settings = Load(s =>
        {
            s["Documents:MaxBytes"] = "2048";
            s["Bindings:DocumentsDays"] = "10";
            s["Bindings:FaceCheckDays"] = "5";
            s["Bindings:ReviewWorkingDays"] = "2";
            s["Bindings:Holidays"] = "2026-10-01, 2026-10-02";
            s["Bindings:WorkingWeekends"] = "2026-09-27";
        });

        Assert.Equal(2048, settings.Documents.MaxBytes);
        Assert.Equal(TimeSpan.FromDays(10), settings.Bindings.Timeouts.Documents);
        Assert.Equal(TimeSpan.FromDays(5), settings.Bindings.Timeouts.FaceCheck);
        Assert.Equal(2, settings.Bindings.Timeouts.ReviewWorkingDays);
        Assert.Equal([new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2)], settings.Bindings.Calendar.Holidays.Order());
        Assert.Equal([new DateOnly(2026, 9, 27)], settings.Bindings.Calendar.WorkingWeekends);
    }

    [Fact]
    public void An_authority_replaces_the_local_signing_key()
    {
        var settings = Load(s =>
        {
            s.Remove("Auth:SigningKey");
            s["Auth:Authority"] = "https://login.example.cn/tenant";
        });

        Assert.Equal("https://login.example.cn/tenant", settings.Auth.Authority);
        Assert.Null(settings.Auth.SigningKey);
    }

    [Fact]
    public void No_proxy_is_trusted_unless_configured()
    {
        Assert.Empty(Load(_ => { }).Hosting.TrustedProxies);

        var settings = Load(s => s["ForwardedHeaders:KnownProxies"] = "127.0.0.1, 10.0.0.0/8, ::1");

        Assert.Equal(["127.0.0.1/32", "10.0.0.0/8", "::1/128"], settings.Hosting.TrustedProxies.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("10.0.0.0/33")]
    [InlineData("127.0.0.1, 300.1.1.1")]
    public void A_malformed_proxy_list_is_named(string value)
    {
        Refused("ForwardedHeaders:KnownProxies", s => s["ForwardedHeaders:KnownProxies"] = value);
    }
}
