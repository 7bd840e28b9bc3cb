using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FamilyAid.Domain.Identity;
using FamilyAid.Functions.Privacy;

namespace FamilyAid.Functions.Tests.Privacy;

/// <summary>Resident IDs at rest: AES-GCM under a key id, and an HMAC blind index to find them.</summary>
public sealed partial class ResidentIdProtectorTests
{
    private static readonly byte[] K1 = Bytes(1);
    private static readonly byte[] K2 = Bytes(41);
    private static readonly byte[] Index1 = Bytes(101);
    private static readonly byte[] Index2 = Bytes(151);

    private static byte[] Bytes(int seed) => Enumerable.Range(seed, 32).Select(i => (byte)i).ToArray();

    private static ResidentIdProtector Protector(string active, Dictionary<string, byte[]> keys, byte[]? index = null, params byte[][] previousIndexes) =>
        new(new PrivacyKeys(active, keys.ToFrozenDictionary(StringComparer.Ordinal), index ?? Index1, previousIndexes));

    private static ResidentIdProtector OnK1() => Protector("k1", new() { ["k1"] = K1 });

    private static ResidentId NewId(string? text = null)
    {
        Assert.True(ResidentId.TryParse(text ?? TestIds.Adult(), out var id));
        return id;
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex LowerHex64();

    [Fact]
    public void A_sealed_id_opens_to_the_same_id_and_does_not_hold_it_in_clear()
    {
        // Given a protector with one key
        var protector = OnK1();
        var id = NewId();

        // When an ID is sealed and opened again
        var sealedId = protector.Seal(id);
        var opened = protector.Open(sealedId);

        // Then it is the same ID, sealed under the active key, and the sealed form does not show it
        Assert.Equal(id.Value, opened.Value);
        Assert.Equal("k1", sealedId.KeyId);
        Assert.DoesNotContain(id.Value, sealedId.Data, StringComparison.Ordinal);
        Assert.DoesNotContain(id.Value, Convert.FromBase64String(sealedId.Data).Select(b => (char)b).Aggregate("", (s, c) => s + c), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_seals_of_the_same_id_differ()
    {
        // Given one ID
        var protector = OnK1();
        var id = NewId();

        // When it is sealed twice
        var a = protector.Seal(id);
        var b = protector.Seal(id);

        // Then the ciphertexts differ (a fresh nonce each time), and both open
        Assert.NotEqual(a.Data, b.Data);
        Assert.NotEqual(Convert.FromBase64String(a.Data)[..12], Convert.FromBase64String(b.Data)[..12]);
        Assert.Equal(id.Value, protector.Open(a).Value);
        Assert.Equal(id.Value, protector.Open(b).Value);
    }

    [Theory]
    [InlineData(0)] // the nonce
    [InlineData(12)] // the first byte of the ciphertext
    [InlineData(29)] // the last byte of the ciphertext
    [InlineData(30)] // the tag
    [InlineData(-1)] // the last byte of the tag
    public void A_tampered_sealed_id_does_not_open(int position)
    {
        // Given a sealed ID
        var protector = OnK1();
        var sealedId = protector.Seal(NewId());
        var bytes = Convert.FromBase64String(sealedId.Data);

        // When one bit of it changes
        bytes[position < 0 ? bytes.Length + position : position] ^= 0x01;
        var tampered = sealedId with { Data = Convert.ToBase64String(bytes) };

        // Then opening it fails as a cryptographic error
        Assert.ThrowsAny<CryptographicException>(() => protector.Open(tampered));
    }

    [Fact]
    public void A_truncated_sealed_id_does_not_open()
    {
        // Given a sealed ID cut short (shorter than nonce and tag together)
        var protector = OnK1();
        var bytes = Convert.FromBase64String(protector.Seal(NewId()).Data);
        var truncated = new ResidentIdProtector.Sealed("k1", Convert.ToBase64String(bytes[..20]));

        // When it is opened, then it fails as a cryptographic error like any other tampering
        Assert.ThrowsAny<CryptographicException>(() => protector.Open(truncated));
    }

    [Fact]
    public void A_sealed_id_does_not_open_under_another_key_id()
    {
        // Given an ID sealed under k1, relabelled as sealed under k2
        var protector = Protector("k1", new() { ["k1"] = K1, ["k2"] = K2 });
        var sealedId = protector.Seal(NewId());

        // When it is opened, then the wrong key fails
        Assert.ThrowsAny<CryptographicException>(() => protector.Open(sealedId with { KeyId = "k2" }));
    }

    [Fact]
    public void An_id_sealed_under_k1_opens_after_k2_became_active_while_k1_is_configured()
    {
        // Given an ID sealed while k1 was active
        var id = NewId();
        var sealedUnderK1 = OnK1().Seal(id);

        // When k2 becomes active with k1 kept
        var rotated = Protector("k2", new() { ["k1"] = K1, ["k2"] = K2 });

        // Then the old seal still opens, and new seals are under k2 (and open too)
        Assert.Equal(id.Value, rotated.Open(sealedUnderK1).Value);
        var sealedUnderK2 = rotated.Seal(id);
        Assert.Equal("k2", sealedUnderK2.KeyId);
        Assert.Equal(id.Value, rotated.Open(sealedUnderK2).Value);
    }

    [Fact]
    public void An_id_sealed_under_a_key_that_is_no_longer_configured_does_not_open()
    {
        // Given an ID sealed under k1, and a protector that only knows k2
        var sealedUnderK1 = OnK1().Seal(NewId());
        var withoutK1 = Protector("k2", new() { ["k2"] = K2 });

        // When it is opened, then that is a cryptographic error naming no ID
        var error = Assert.ThrowsAny<CryptographicException>(() => withoutK1.Open(sealedUnderK1));
        Assert.Contains("k1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_blind_index_is_deterministic_64_lower_case_hex_and_differs_per_key_and_per_id()
    {
        // Given two protectors with the same index key, one with another, and two IDs
        var id = NewId();
        var other = NewId();
        var a = OnK1();
        var sameKey = Protector("k2", new() { ["k2"] = K2 }, Index1);
        var otherKey = Protector("k1", new() { ["k1"] = K1 }, Index2);

        // When the index of each is made
        var index = a.BlindIndex(id);

        // Then it is the same each time and under each encryption key, but not under another index key or for another ID
        Assert.Matches(LowerHex64(), index);
        Assert.Equal(index, a.BlindIndex(id));
        Assert.Equal(index, sameKey.BlindIndex(id));
        Assert.NotEqual(index, otherKey.BlindIndex(id));
        Assert.Matches(LowerHex64(), otherKey.BlindIndex(id));
        Assert.NotEqual(index, a.BlindIndex(other));
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Index1, System.Text.Encoding.ASCII.GetBytes(id.Value))), index);
    }

    [Fact]
    public void An_id_typed_with_a_lower_case_x_has_the_index_of_its_upper_case_form()
    {
        // Given an ID ending in X, typed both ways
        string text;
        do
        {
            text = TestIds.Adult();
        }
        while (text[17] != 'X');

        // When each is indexed, then they are the same person
        var protector = OnK1();
        Assert.Equal(protector.BlindIndex(NewId(text)), protector.BlindIndex(NewId(text.ToLowerInvariant())));
    }

    [Fact]
    public void Retired_index_keys_give_the_index_the_id_had_under_them_newest_first()
    {
        // Given a protector whose index key rotated from Index1 (older: Index2)
        var id = NewId();
        var rotated = Protector("k1", new() { ["k1"] = K1 }, Bytes(201), Index1, Index2);

        // When the previous indexes are asked for, then they are the ones the old keys gave
        Assert.Equal(
            [OnK1().BlindIndex(id), Protector("k1", new() { ["k1"] = K1 }, Index2).BlindIndex(id)],
            rotated.PreviousBlindIndexes(id));
        Assert.DoesNotContain(rotated.BlindIndex(id), rotated.PreviousBlindIndexes(id));
    }

    [Fact]
    public void A_sealed_birth_certificate_number_opens_to_the_same_number_and_does_not_hold_it_in_clear()
    {
        // Given a birth certificate number
        var protector = OnK1();
        Assert.True(BirthCertificateNumber.TryParse("O440123456", out var number));

        // When it is sealed and opened again
        var sealedNumber = protector.Seal(number);

        // Then it is the same number, sealed under the active key, not readable in the sealed form
        Assert.Equal("O440123456", protector.OpenBirthCertificate(sealedNumber).Value);
        Assert.Equal("k1", sealedNumber.KeyId);
        Assert.DoesNotContain("440123456", Convert.FromBase64String(sealedNumber.Data).Select(b => (char)b).Aggregate("", (s, c) => s + c), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sealed_birth_certificate_number_and_a_sealed_resident_id_do_not_open_as_each_other()
    {
        // Given one of each, sealed under the same key
        var protector = OnK1();
        Assert.True(BirthCertificateNumber.TryParse("O440123456", out var number));
        var sealedNumber = protector.Seal(number);
        var sealedId = protector.Seal(NewId());

        // When each is opened as the other, Then neither opens: the purpose is bound into the ciphertext
        Assert.ThrowsAny<CryptographicException>(() => protector.Open(sealedNumber));
        Assert.ThrowsAny<CryptographicException>(() => protector.OpenBirthCertificate(sealedId));
    }
}
