using System.Diagnostics.CodeAnalysis;

namespace FamilyAid.Domain.Identity;

/// <summary>The number of a 出生医学证明 (medical birth certificate): one letter, then nine digits, e.g. <c>O440123456</c>.</summary>
/// <remarks>
/// An identity number like a resident ID: <see cref="ToString"/> returns the masked form, so that one that reaches a
/// log line by accident does not leak. Read <see cref="Value"/> only to seal it.
/// </remarks>
public sealed class BirthCertificateNumber : IEquatable<BirthCertificateNumber>
{
    /// <summary>The accepted form, as documented on <c>POST /api/bindings</c>.</summary>
    public const string Pattern = "one letter A–Z (either case) followed by 9 digits";

    private BirthCertificateNumber(string value) => Value = value;

    /// <summary>The normalised number: the letter upper-case, then the nine digits.</summary>
    public string Value { get; }

    /// <summary>The form shown to reviewers: the letter, seven stars, the last two digits.</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 1), "*******", Value.AsSpan(8, 2));

    /// <summary>Parses a number of the <see cref="Pattern"/> form; anything else is refused.</summary>
    /// <remarks>The letter is the certificate's edition: a lower-case one is accepted and normalised, as people type it.</remarks>
    public static bool TryParse(string? text, [NotNullWhen(true)] out BirthCertificateNumber? number)
    {
        number = null;
        if (text is not { Length: 10 } || !char.IsAsciiLetter(text[0]) || text.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        number = new BirthCertificateNumber(string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1)));
        return true;
    }

    /// <inheritdoc />
    public bool Equals(BirthCertificateNumber? other) => other is not null && other.Value == Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BirthCertificateNumber other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    /// <summary>The masked form, never the number itself.</summary>
    public override string ToString() => Masked;
}
