using System.Buffers.Text;
using System.Text;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.PaymentCodes;

namespace FamilyAid.Functions.Tests.PaymentCodes;

/// <summary>PaymentCodeSigner: a self-contained code opens to the grant it was issued for, hides its ids, and any change
/// to it (one byte, one character, another key) opens to nothing.</summary>
public sealed class PaymentCodeSealTests
{
    private static readonly DateTimeOffset ExpiresAt = new(2026, 12, 5, 10, 2, 0, TimeSpan.Zero);

    private static PaymentCodeSigner Signer(byte seed) =>
        new(new LedgerSettings([.. Enumerable.Range(seed, 32).Select(i => (byte)i)], TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(30)));

    private static readonly PaymentCodeSigner App = Signer(151);

    public static TheoryData<string, string?, string?> Grants => new()
    {
        { Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), null },
        { Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N") },
        { "person-1", null, null },
        { "测试人员", "relationship-1", "proxy-1" },
    };

    [Theory]
    [MemberData(nameof(Grants))]
    public void A_code_opens_to_the_grant_it_was_issued_for(string personId, string? relationshipId, string? issuedBy)
    {
        // Given a code issued for a person, a relationship and an issuer
        var (grant, code) = App.Issue(personId, relationshipId, ExpiresAt, issuedBy);

        // When it is opened
        // Then it is that grant, unused, under a fresh 32-hex code id
        Assert.Equal(new PaymentCodeGrant(grant.CodeId, personId, relationshipId, ExpiresAt, UsedBy: null, issuedBy), App.Open(code));
        Assert.Matches("^[0-9a-f]{32}$", grant.CodeId);
        Assert.NotEqual(code, App.Issue(personId, relationshipId, ExpiresAt, issuedBy).Code);
    }

    [Fact]
    public void A_code_of_guid_ids_is_102_characters_and_an_e_voucher_123_of_base64url()
    {
        var own = App.Issue(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), ExpiresAt).Code;
        var voucher = App.Issue(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), ExpiresAt, Guid.NewGuid().ToString("N")).Code;

        Assert.Equal((102, 123), (own.Length, voucher.Length));
        Assert.Matches("^[A-Za-z0-9_-]+$", own + voucher);
    }

    [Theory]
    [MemberData(nameof(Grants))]
    public void Every_single_byte_changed_opens_to_nothing(string personId, string? relationshipId, string? issuedBy)
    {
        // Given a genuine code's bytes
        var bytes = Base64Url.DecodeFromChars(App.Issue(personId, relationshipId, ExpiresAt, issuedBy).Code);

        // When any one byte of it (format, code id, sealed grant or tag) is changed in any of these ways
        // Then the code opens to nothing
        foreach (var position in Enumerable.Range(0, bytes.Length))
        {
            foreach (var flip in new byte[] { 0x01, 0x80, 0xFF })
            {
                var altered = bytes.ToArray();
                altered[position] ^= flip;
                Assert.Null(App.Open(Base64Url.EncodeToString(altered)));
            }
        }
    }

    [Fact]
    public void Every_single_character_changed_cut_or_added_opens_to_nothing()
    {
        // Given a genuine code
        var code = App.Issue(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), ExpiresAt).Code;
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        // When any one character is replaced by any other (also in the last character's unused bits), cut, or added
        // Then nothing opens: one code has one spelling
        foreach (var position in Enumerable.Range(0, code.Length))
        {
            foreach (var other in alphabet.Where(c => c != code[position]))
            {
                Assert.Null(App.Open(code[..position] + other + code[(position + 1)..]));
            }

            Assert.Null(App.Open(code.Remove(position, 1)));
        }

        Assert.Null(App.Open(code + "A"));
        Assert.Null(App.Open(code + "="));
    }

    [Fact]
    public void A_code_sealed_under_another_key_opens_to_nothing()
    {
        var (_, code) = Signer(7).Issue(Guid.NewGuid().ToString("N"), null, ExpiresAt);

        Assert.Null(App.Open(code));
    }

    [Fact]
    public void The_ids_cannot_be_read_from_the_code()
    {
        // Given a code for a person and a relationship, of GUID ids and of text ids
        var person = Guid.NewGuid().ToString("N");
        var guids = Base64Url.DecodeFromChars(App.Issue(person, Guid.NewGuid().ToString("N"), ExpiresAt).Code);
        var text = Base64Url.DecodeFromChars(App.Issue("person-visible", "relationship-visible", ExpiresAt).Code);

        // Then neither the ids' bytes nor their text appear in the code's bytes
        Assert.Equal(-1, guids.AsSpan().IndexOf(Convert.FromHexString(person)));
        Assert.Equal(-1, text.AsSpan().IndexOf(Encoding.UTF8.GetBytes("visible")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("00000000000000000000000000000000.00000000000000000000000000000000")]
    public void Anything_else_opens_to_nothing(string? code) => Assert.Null(App.Open(code));
}
