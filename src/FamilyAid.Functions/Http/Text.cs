namespace FamilyAid.Functions.Http;

/// <summary>Checks on free text fields: present, bounded, no control characters.</summary>
public static class Text
{
    /// <summary>A problem when <paramref name="value"/> is empty, longer than <paramref name="max"/> or has control characters.</summary>
    public static Problem? Check(string field, string? value, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Problems.Invalid(field, "is required") : null;
        }

        if (value.Length > max)
        {
            return Problems.Invalid(field, $"is longer than {max} characters");
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                return Problems.Invalid(field, "contains control characters");
            }

            if (char.IsSurrogate(value[i]))
            {
                if (!char.IsSurrogatePair(value, i))
                {
                    return Problems.Invalid(field, "contains an unpaired surrogate");
                }

                i++;
            }
        }

        return null;
    }

    /// <summary>A mainland mobile number: 11 digits starting 13–19.</summary>
    public static Problem? CheckPhone(string field, string? value) =>
        value is { Length: 11 } && value[0] == '1' && value[1] is >= '3' and <= '9' && value.All(char.IsAsciiDigit)
            ? null
            : Problems.Invalid(field, "must be a mainland mobile number (11 digits, starting 13–19)");
}
