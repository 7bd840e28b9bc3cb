using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using FamilyAid.Domain.Identity;
using FamilyAid.Functions.Privacy;

namespace FamilyAid.Functions.Tests.Privacy;

/// <summary>Phone numbers at rest: sealed like resident IDs (AES-GCM under a key id), shown masked.</summary>
public sealed class PhoneSealingTests
{
    private const string Phone = "13800138000";
    private static readonly byte[] K1 = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] K2 = Enumerable.Range(41, 32).Select(i => (byte)i).ToArray();

    private static ResidentIdProtector Protector(string active, Dictionary<string, byte[]> keys) =>
        new(new PrivacyKeys(active, keys.ToFrozenDictionary(StringComparer.Ordinal), new byte[32], []));

    private static ResidentIdProtector OnK1() => Protector("k1", new() { ["k1"] = K1 });

    [Fact]
    public void A_sealed_phone_opens_to_the_same_number_and_does_not_hold_it_in_clear()
    {
        // Given a protector with one key
        var protector = OnK1();

        // When a phone number is sealed twice and opened
        var a = protector.SealPhone(Phone);
        var b = protector.SealPhone(Phone);

        // Then each opens to the number, under the active key, neither shows it, and they differ (a fresh nonce each)
        Assert.Equal(Phone, protector.OpenPhone(a));
        Assert.Equal(Phone, protector.OpenPhone(b));
        Assert.Equal("k1", a.KeyId);
        Assert.NotEqual(a.Data, b.Data);
        Assert.DoesNotContain(Phone, a.Data, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, Encoding.Latin1.GetString(Convert.FromBase64String(a.Data)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sealed_phone_does_not_open_as_a_resident_id_nor_a_sealed_id_as_a_phone()
    {
        // Given a phone and a resident ID sealed under the same key
        var protector = OnK1();
        Assert.True(ResidentId.TryParse(TestIds.Adult(), out var id));
        var sealedPhone = protector.SealPhone(Phone);
        var sealedId = protector.Seal(id);

        // When each is opened as the other, then it fails: a ciphertext is bound to its purpose
        Assert.ThrowsAny<CryptographicException>(() => protector.Open(sealedPhone));
        Assert.ThrowsAny<CryptographicException>(() => protector.OpenPhone(sealedId));
    }

    [Fact]
    public void A_tampered_sealed_phone_does_not_open()
    {
        // Given a sealed phone with one bit changed
        var protector = OnK1();
        var sealedPhone = protector.SealPhone(Phone);
        var bytes = Convert.FromBase64String(sealedPhone.Data);
        bytes[15] ^= 0x01;

        // When it is opened, then it fails as a cryptographic error
        Assert.ThrowsAny<CryptographicException>(() => protector.OpenPhone(sealedPhone with { Data = Convert.ToBase64String(bytes) }));
    }

    [Fact]
    public void A_phone_sealed_under_k1_opens_after_k2_became_active_and_new_seals_are_under_k2()
    {
        // Given a phone sealed while k1 was active
        var sealedUnderK1 = OnK1().SealPhone(Phone);

        // When k2 becomes active with k1 kept, and when k1 is dropped
        var rotated = Protector("k2", new() { ["k1"] = K1, ["k2"] = K2 });
        var withoutK1 = Protector("k2", new() { ["k2"] = K2 });

        // Then it opens while k1 is kept, new seals are under k2, and without k1 it does not open
        Assert.Equal(Phone, rotated.OpenPhone(sealedUnderK1));
        var sealedUnderK2 = rotated.SealPhone(Phone);
        Assert.Equal("k2", sealedUnderK2.KeyId);
        Assert.Equal(Phone, rotated.OpenPhone(sealedUnderK2));
        Assert.ThrowsAny<CryptographicException>(() => withoutK1.OpenPhone(sealedUnderK1));
    }

    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("19912345678", "199****5678")]
    [InlineData("1380013", "*******")] // too short to keep seven digits of
    [InlineData("", "")]
    public void A_phone_is_shown_with_its_prefix_and_last_four_digits(string phone, string masked)
    {
        // Given a number, when it is masked, then only the carrier prefix and the last four digits show
        Assert.Equal(masked, PhoneMask.Of(phone));
    }
}
