using System.Diagnostics.CodeAnalysis;

namespace FamilyAid.Domain.Identity;

/// <summary>An 18-character resident identity number (居民身份证号码, GB 11643-1999).</summary>
/// <remarks>
/// <see cref="ToString"/> returns the masked form on purpose: an ID that reaches a log line or an
/// interpolated string by accident must not leak. Read <see cref="Value"/> only to encrypt or index it.
/// </remarks>
public sealed class ResidentId : IEquatable<ResidentId>
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private ResidentId(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The normalised number: 17 digits and a check character (digit or upper-case X).</summary>
    public string Value { get; }

    /// <summary>Birth date from digits 7–14.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>Sex from the parity of digit 17.</summary>
    public Sex Sex => (Value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    /// <summary>The form shown to people: the 6-digit area code, eight stars, the last four characters.</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 6), "********", Value.AsSpan(14, 4));

    /// <summary>Parses and checks the number (length, digits, birth date, ISO 7064 MOD 11-2 check character).</summary>
    /// <remarks>A lower-case x is accepted and normalised: people type it that way.</remarks>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ResidentId? id)
    {
        id = null;
        if (text is null || text.Length != 18)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            sum += (c - '0') * Weights[i];
        }

        var check = char.ToUpperInvariant(text[17]);
        if (check != CheckCharacters[sum % 11])
        {
            return false;
        }

        var year = int.Parse(text.AsSpan(6, 4));
        var month = int.Parse(text.AsSpan(10, 2));
        var day = int.Parse(text.AsSpan(12, 2));
        // Second-generation cards began in 1999; nobody alive was born before 1900.
        if (year < 1900 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        id = new ResidentId(string.Concat(text.AsSpan(0, 17), check.ToString()), new DateOnly(year, month, day));
        return true;
    }

    /// <summary>Parses as <see cref="TryParse(string?, out ResidentId?)"/> and also refuses a birth date after
    /// <paramref name="today"/> (the date in China): nobody is issued a number before they are born.</summary>
    public static bool TryParse(string? text, DateOnly today, [NotNullWhen(true)] out ResidentId? id)
    {
        if (TryParse(text, out id) && id.BirthDate <= today)
        {
            return true;
        }

        id = null;
        return false;
    }

    /// <summary>The check character that completes 17 digits; for building valid numbers.</summary>
    public static char CheckCharacterFor(ReadOnlySpan<char> first17Digits)
    {
        if (first17Digits.Length != 17)
        {
            throw new ArgumentException("Exactly 17 digits are needed.", nameof(first17Digits));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17Digits[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Full years of age on <paramref name="today"/>.</summary>
    public int AgeOn(DateOnly today) => Age.InYears(BirthDate, today);

    /// <inheritdoc />
    public bool Equals(ResidentId? other) => other is not null && other.Value == Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ResidentId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    /// <summary>The masked form, never the number itself.</summary>
    public override string ToString() => Masked;
}
