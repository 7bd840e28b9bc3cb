namespace FamilyAid.Functions.Privacy;

/// <summary>How a mobile number is shown: the carrier prefix and the last four digits, <c>138****8000</c>.</summary>
public static class PhoneMask
{
    /// <summary>The masked form; a number too short to keep seven digits of is all stars.</summary>
    public static string Of(string phone) =>
        phone.Length < 11 ? new string('*', phone.Length) : string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4));
}
