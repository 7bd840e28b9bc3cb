using System.Text.RegularExpressions;
using FamilyAid.Domain.Identity;

namespace FamilyAid.Functions.Tests.Security;

/// <summary>Finds resident IDs in clear: 17 digits and a check character that GB 11643 accepts.</summary>
/// <remarks>A run of digits longer than 18 is not an ID (the audit table's 19-digit reverse-tick row keys would
/// otherwise give false hits), nor is one inside a lower-case hex id (a random 32-character id holds a valid-looking
/// run now and then), so a match must not touch another digit or a-f. The flow's own IDs are looked for as they are
/// (<see cref="AnyOf"/>), wherever they stand.</remarks>
public static partial class ClearResidentIds
{
    [GeneratedRegex("(?<![0-9a-f])[0-9]{17}[0-9Xx](?![0-9a-f])", RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();

    // The masked form: the area (digits 1–6), eight stars for the birth date, the sequence and check character (15–18).
    [GeneratedRegex("(?<![0-9])([0-9]{6})\\*{8}([0-9]{3}[0-9Xx])(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex MaskedForm();

    // A date as yyyy-MM-dd (also inside an ISO timestamp) or yyyyMMdd, not part of a longer number.
    [GeneratedRegex("(?<![0-9])([12][0-9]{3})-?([01][0-9])-?([0-3][0-9])(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex DateForm();

    /// <summary>Whether <paramref name="text"/> holds a valid resident ID in clear.</summary>
    public static bool In(string? text) => text is not null && Candidate().Matches(text).Any(m => ResidentId.TryParse(m.Value, out _));

    /// <summary>The text with every valid resident ID in it replaced, safe to print in a failure.</summary>
    public static string Redact(string? text) =>
        text is null ? "" : Candidate().Replace(text, m => ResidentId.TryParse(m.Value, out _) ? "[RESIDENT-ID]" : m.Value);

    /// <summary>Whether <paramref name="text"/> holds one of <paramref name="ids"/> in full, in either case of a final X.</summary>
    public static bool AnyOf(string? text, IEnumerable<string> ids) =>
        text is not null && ids.Any(id => text.Contains(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>How many of <paramref name="ids"/> a masked form and a date found anywhere in <paramref name="texts"/>
    /// (the columns of one row, one message, one line) rebuild together: each pair of them is tried.</summary>
    /// <remarks>The mask hides exactly digits 7–14, the birth date; a birth date kept in clear beside it gives the ID back.</remarks>
    public static int Rebuilt(IEnumerable<string?> texts, IEnumerable<string> ids)
    {
        var all = texts.OfType<string>().ToList();
        var masks = all.SelectMany(t => MaskedForm().Matches(t)).Select(m => (Area: m.Groups[1].Value, Tail: m.Groups[2].Value)).Distinct().ToList();
        var dates = all.SelectMany(t => DateForm().Matches(t)).Select(m => m.Groups[1].Value + m.Groups[2].Value + m.Groups[3].Value).Distinct().ToList();
        var wanted = ids.Select(id => id.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        return masks.SelectMany(mask => dates.Select(date => (mask.Area + date + mask.Tail).ToUpperInvariant())).Distinct().Count(wanted.Contains);
    }
}
