namespace FamilyAid.Functions.Tests.Security;

/// <summary>Finds given mobile numbers in clear: all eleven digits, not as part of a longer number.</summary>
public static class ClearPhones
{
    /// <summary>Whether <paramref name="text"/> holds one of <paramref name="phones"/> in full.</summary>
    public static bool AnyOf(string? text, IEnumerable<string> phones) =>
        text is not null && phones.Any(phone => Positions(text, phone).Any(i => !DigitAt(text, i - 1) && !DigitAt(text, i + phone.Length)));

    /// <summary>The text with each of <paramref name="phones"/> replaced, safe to print in a failure.</summary>
    public static string Redact(string text, IEnumerable<string> phones) =>
        phones.Aggregate(text, (t, phone) => t.Replace(phone, "[PHONE]", StringComparison.Ordinal));

    private static IEnumerable<int> Positions(string text, string phone)
    {
        for (var i = text.IndexOf(phone, StringComparison.Ordinal); i >= 0; i = text.IndexOf(phone, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }

    private static bool DigitAt(string text, int i) => i >= 0 && i < text.Length && char.IsAsciiDigit(text[i]);
}
