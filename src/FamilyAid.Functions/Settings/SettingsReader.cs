using System.Collections.Frozen;
using System.Globalization;

namespace FamilyAid.Functions.Settings;

/// <summary>Reads one setting each; a missing or malformed one throws <see cref="SettingsException"/> naming it.</summary>
public static class SettingsReader
{
    /// <summary>The value, which must be present and not blank.</summary>
    public static string Required(IConfiguration config, string name)
    {
        var value = config[name];
        return string.IsNullOrWhiteSpace(value) ? throw new SettingsException(
            $"Setting '{name}' (environment variable {EnvironmentName(name)}) is missing.") : value;
    }

    /// <summary>A positive whole number, or <paramref name="fallback"/> when unset.</summary>
    public static long Positive(IConfiguration config, string name, long fallback)
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

    /// <summary>true or false; false when unset.</summary>
    public static bool Flag(IConfiguration config, string name) => config[name] switch
    {
        null or "" => false,
        var text when bool.TryParse(text, out var value) => value,
        _ => throw Bad(name, "must be true or false"),
    };

    /// <summary>A comma-separated list; empty when unset.</summary>
    public static string[] List(IConfiguration config, string name) =>
        (config[name] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A comma-separated list of yyyy-MM-dd dates; empty when unset.</summary>
    public static FrozenSet<DateOnly> Dates(IConfiguration config, string name)
    {
        var dates = new HashSet<DateOnly>();
        foreach (var part in List(config, name))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw Bad(name, $"must be a comma-separated list of yyyy-MM-dd dates ('{part}' is not)");
            }

            dates.Add(date);
        }

        return dates.ToFrozenSet();
    }

    /// <summary>A 32-byte key, base64-encoded in the setting <paramref name="name"/>.</summary>
    public static byte[] Key32(string? base64, string name)
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

    /// <summary>The refusal of setting <paramref name="name"/>, saying <paramref name="why"/>.</summary>
    public static SettingsException Bad(string name, string why) =>
        new($"Setting '{name}' (environment variable {EnvironmentName(name)}) {why}.");

    private static string EnvironmentName(string name) => name.Replace(":", "__", StringComparison.Ordinal);
}
