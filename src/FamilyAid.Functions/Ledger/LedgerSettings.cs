using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Ledger;

/// <summary>Settings of the money side.</summary>
/// <param name="PaymentCodeKey">The key payment codes are sealed under, through HKDF (32 bytes).</param>
/// <param name="PaymentCodeLifetime">How long a payment code works (API default 120 s).</param>
/// <param name="RecoveryAfter">How long a movement may stay unfinished before the recovery timer finishes it; longer
/// than a request normally takes, so recovery does not race a live request (it would be harmless, only wasteful).</param>
public sealed record LedgerSettings(byte[] PaymentCodeKey, TimeSpan PaymentCodeLifetime, TimeSpan RecoveryAfter)
{
    /// <summary>Reads and checks the <c>PaymentCodes</c> and <c>Ledger</c> settings.</summary>
    public static LedgerSettings Read(IConfiguration config) => new(
        SettingsReader.Key32(SettingsReader.Required(config, "PaymentCodes:SigningKey"), "PaymentCodes:SigningKey"),
        TimeSpan.FromSeconds(SettingsReader.Positive(config, "PaymentCodes:LifetimeSeconds", 120)),
        TimeSpan.FromSeconds(SettingsReader.Positive(config, "Ledger:RecoverySeconds", 30)));
}
