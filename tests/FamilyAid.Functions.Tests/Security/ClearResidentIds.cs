using System.Text.RegularExpressions;
using FamilyAid.Domain.Identity;

namespace FamilyAid.Functions.Tests.Security;

/// <summary>Finds resident IDs in clear: 17 digits and a check character that GB 11643 accepts.</summary>
/// <remarks>A run of digits longer than 18 is not an ID (the audit table's 19-digit reverse-tick row keys would
/// otherwise give false hits), so a match must not touch another digit.</remarks>
public static partial class ClearResidentIds
{
    [GeneratedRegex("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();

    /// <summary>Whether <paramref name="text"/> holds a valid resident ID in clear.</summary>
    public static bool In(string? text) => text is not null && Candidate().Matches(text).Any(m => ResidentId.TryParse(m.Value, out _));

    /// <summary>The text with every valid resident ID in it replaced, safe to print in a failure.</summary>
    public static string Redact(string? text) =>
        text is null ? "" : Candidate().Replace(text, m => ResidentId.TryParse(m.Value, out _) ? "[RESIDENT-ID]" : m.Value);

    /// <summary>Whether <paramref name="text"/> holds one of <paramref name="ids"/> in full, in either case of a final X.</summary>
    public static bool AnyOf(string? text, IEnumerable<string> ids) =>
        text is not null && ids.Any(id => text.Contains(id, StringComparison.OrdinalIgnoreCase));
}
