using System.Collections.Frozen;
using System.Globalization;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Privacy;

namespace FamilyAid.Functions.Hosting;

/// <summary>Every setting the app reads, checked once at start-up.</summary>
public sealed record AppSettings(
    string StorageConnection,
    string StoragePrefix,
    AuthSettings Auth,
    PrivacyKeys Privacy,
    FaceCheck.FaceCheckSettings FaceCheck,
    long DocumentMaxBytes,
    TimeSpan DocumentLinkLifetime,
    BindingTimeouts Timeouts,
    WorkingCalendar Calendar,
    WriteRateLimits RateLimits,
    Triggers.TriggerSettings Triggers,
    Ledger.LedgerSettings Ledger,
    IReadOnlyList<System.Net.IPNetwork> TrustedProxies)
{
    /// <summary>Reads and validates; throws <see cref="SettingsException"/> naming the first bad setting.</summary>
    public static AppSettings Load(IConfiguration config)
    {
        var storage = Required(config, "AzureWebJobsStorage");
        var authority = config["Auth:Authority"];
        var signingKey = config["Auth:SigningKey"];
        if (string.IsNullOrWhiteSpace(authority))
        {
            signingKey = Required(config, "Auth:SigningKey");
            if (System.Text.Encoding.UTF8.GetByteCount(signingKey) < 32)
            {
                throw Bad("Auth:SigningKey", "must be at least 32 bytes for HS256");
            }
        }

        var previousKeys = List(config, "Auth:PreviousSigningKeys");
        if (previousKeys.Any(k => System.Text.Encoding.UTF8.GetByteCount(k) < 32))
        {
            throw Bad("Auth:PreviousSigningKeys", "must hold keys of at least 32 bytes each");
        }

        var auth = new AuthSettings(
            string.IsNullOrWhiteSpace(authority) ? null : authority,
            string.IsNullOrWhiteSpace(signingKey) ? null : signingKey,
            previousKeys,
            config["Auth:Issuer"] ?? "familyaid",
            config["Auth:Audience"] ?? "familyaid");

        var callbackSecret = Required(config, "FaceCheck:CallbackSecret");
        var previousSecrets = List(config, "FaceCheck:PreviousCallbackSecrets");
        if (callbackSecret.Length < 16 || previousSecrets.Any(p => p.Length < 16))
        {
            throw Bad(callbackSecret.Length < 16 ? "FaceCheck:CallbackSecret" : "FaceCheck:PreviousCallbackSecrets", "must be at least 16 characters");
        }

        var localResult = config["FaceCheck:LocalResult"] ?? "pass";
        if (localResult is not ("pass" or "fail"))
        {
            throw Bad("FaceCheck:LocalResult", "must be pass or fail");
        }

        var prefix = config["Storage:Prefix"] ?? "";
        if (prefix.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(prefix, "^[a-z][a-z0-9]{0,15}$"))
        {
            throw Bad("Storage:Prefix", "must be 1–16 lower-case letters and digits, starting with a letter");
        }

        return new AppSettings(
            storage,
            prefix,
            auth,
            LoadPrivacy(config),
            new FaceCheck.FaceCheckSettings(
                callbackSecret,
                previousSecrets,
                localResult == "pass",
                TimeSpan.FromSeconds(Positive(config, "FaceCheck:LocalDelaySeconds", 5)),
                config["FaceCheck:CallbackBaseUrl"] ?? $"http://127.0.0.1:{config["FUNCTIONS_CUSTOMHANDLER_PORT"] ?? "7071"}"),
            Positive(config, "Documents:MaxBytes", 10L * 1024 * 1024),
            TimeSpan.FromMinutes(Positive(config, "Documents:LinkMinutes", 5)),
            new BindingTimeouts(
                TimeSpan.FromDays(Positive(config, "Bindings:DocumentsDays", 7)),
                TimeSpan.FromDays(Positive(config, "Bindings:FaceCheckDays", 3)),
                (int)Positive(config, "Bindings:ReviewWorkingDays", 1),
                (int)Positive(config, "Bindings:ReviewExpiryWorkingDays", 10)),
            new WorkingCalendar(Dates(config, "Bindings:Holidays"), Dates(config, "Bindings:WorkingWeekends")),
            new WriteRateLimits(
                (int)Positive(config, "RateLimits:WritesPerCallerPerMinute", 60),
                (int)Positive(config, "RateLimits:WritesPerAddressPerMinute", 600),
                (int)Positive(config, "RateLimits:WritesPerInstitutionPerMinute", 6000)),
            new Triggers.TriggerSettings(
                Flag(config, "Triggers:Local"),
                config["Triggers:PollMilliseconds"] is null ? null : TimeSpan.FromMilliseconds(Positive(config, "Triggers:PollMilliseconds", 1000)),
                config["Triggers:VisibilityTimeoutSeconds"] is null ? null : TimeSpan.FromSeconds(Positive(config, "Triggers:VisibilityTimeoutSeconds", 30)),
                prefix),
            new Ledger.LedgerSettings(
                Key32(Required(config, "PaymentCodes:SigningKey"), "PaymentCodes:SigningKey"),
                TimeSpan.FromSeconds(Positive(config, "PaymentCodes:LifetimeSeconds", 120)),
                TimeSpan.FromSeconds(Positive(config, "Ledger:RecoverySeconds", 30))),
            Hosting.TrustedProxies.Load(config, why => Bad(Hosting.TrustedProxies.Setting, why)));
    }

    private static PrivacyKeys LoadPrivacy(IConfiguration config)
    {
        var active = Required(config, "Privacy:ActiveKeyId");
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var child in config.GetSection("Privacy:EncryptionKeys").GetChildren())
        {
            keys[child.Key] = Key32(child.Value, $"Privacy:EncryptionKeys:{child.Key}");
        }

        if (!keys.ContainsKey(active))
        {
            throw Bad($"Privacy:EncryptionKeys:{active}", "is missing: Privacy:ActiveKeyId names a key that is not configured");
        }

        var index = Key32(Required(config, "Privacy:BlindIndexKey"), "Privacy:BlindIndexKey");
        var previous = List(config, "Privacy:PreviousBlindIndexKeys").Select(k => Key32(k, "Privacy:PreviousBlindIndexKeys")).ToList();
        return new PrivacyKeys(active, keys.ToFrozenDictionary(StringComparer.Ordinal), index, previous);
    }

    private static byte[] Key32(string? base64, string name)
    {
        try
        {
            var bytes = Convert.FromBase64String(base64 ?? "");
            return bytes.Length == 32 ? bytes : throw Bad(name, "must be 32 bytes, base64-encoded");
        }
        catch (FormatException)
        {
            throw Bad(name, "must be 32 bytes, base64-encoded");
        }
    }

    private static string Required(IConfiguration config, string name)
    {
        var value = config[name];
        return string.IsNullOrWhiteSpace(value) ? throw new SettingsException(
            $"Setting '{name}' (environment variable {name.Replace(":", "__", StringComparison.Ordinal)}) is missing.") : value;
    }

    private static long Positive(IConfiguration config, string name, long fallback)
    {
        var text = config[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw Bad(name, "must be a positive whole number");
    }

    private static bool Flag(IConfiguration config, string name) => config[name] switch
    {
        null or "" => false,
        var text when bool.TryParse(text, out var value) => value,
        _ => throw Bad(name, "must be true or false"),
    };

    private static string[] List(IConfiguration config, string name) =>
        (config[name] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static FrozenSet<DateOnly> Dates(IConfiguration config, string name)
    {
        var text = config[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return FrozenSet<DateOnly>.Empty;
        }

        var dates = new HashSet<DateOnly>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw Bad(name, $"must be a comma-separated list of yyyy-MM-dd dates ('{part}' is not)");
            }

            dates.Add(date);
        }

        return dates.ToFrozenSet();
    }

    private static SettingsException Bad(string name, string why) =>
        new($"Setting '{name}' (environment variable {name.Replace(":", "__", StringComparison.Ordinal)}) {why}.");
}

/// <summary>How bearer tokens are checked: an authority's keys in Azure, or a local HS256 key.</summary>
/// <remarks>Tokens signed with a <see cref="PreviousSigningKeys"/> key stay valid until they expire, so the key can rotate without logging everyone out.</remarks>
public sealed record AuthSettings(string? Authority, string? SigningKey, IReadOnlyList<string> PreviousSigningKeys, string Issuer, string Audience);
