using System.Text;
using CsCheck;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>PaymentCodeContent: what a self-contained payment code carries reads back exactly as written, GUID ids take
/// 16 bytes, and bytes that are not exactly one content read as nothing.</summary>
public sealed class PaymentCodeContentProperties
{
    private const string CodeId = "0123456789abcdef0123456789abcdef";

    // Ids as the app makes them (32 lower hex), near misses of that form, and other strings tests and imports use.
    private static readonly Gen<string> Id = Gen.OneOf(
        Gen.Guid.Select(g => g.ToString("N")),
        Gen.Guid.Select(g => g.ToString("N").ToUpperInvariant()),
        Gen.Guid.Select(g => g.ToString("D")),
        Gen.String[Gen.Char.AlphaNumeric, 0, 40],
        Gen.String[Gen.Char['\u4e00', '\u9fa5'], 1, 20]);

    private static readonly Gen<string?> OptionalId = Gen.Frequency((1, Gen.Const((string?)null)), (3, Id.Select(id => (string?)id)));

    private static readonly Gen<PaymentCodeGrant> Grant = Gen.Select(Id, OptionalId, OptionalId, Gen.Long[0, DateTimeOffset.MaxValue.UtcTicks], (person, relationship, issuer, ticks) =>
        new PaymentCodeGrant(CodeId, person, relationship, new DateTimeOffset(ticks, TimeSpan.Zero), UsedBy: null, issuer));

    [Fact]
    public void Any_grant_reads_back_as_it_was_written()
    {
        Grant.Sample(grant =>
        {
            // Given any unused grant
            // When it is written and read back under its code id
            var read = PaymentCodeContent.Read(CodeId, PaymentCodeContent.Write(grant));

            // Then it is the same grant
            Assert.Equal(grant, read);
        });
    }

    [Fact]
    public void Content_cut_short_or_followed_by_more_bytes_reads_as_nothing()
    {
        Gen.Select(Grant, Gen.Byte).Sample((grant, extra) =>
        {
            // Given a grant's content
            var content = PaymentCodeContent.Write(grant);

            // When any proper prefix of it, or it with one more byte, is read
            // Then none of them is a grant
            for (var length = 0; length < content.Length; length++)
            {
                Assert.Null(PaymentCodeContent.Read(CodeId, content.AsSpan(0, length)));
            }

            Assert.Null(PaymentCodeContent.Read(CodeId, [.. content, extra]));
        });
    }

    [Fact]
    public void A_grant_of_guid_ids_takes_59_bytes_with_an_issuer_and_43_without()
    {
        // Given grants whose ids are made as the app makes them
        var person = Guid.NewGuid().ToString("N");
        var relationship = Guid.NewGuid().ToString("N");
        var expiresAt = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8));

        // When they are written
        var own = PaymentCodeContent.Write(new PaymentCodeGrant(CodeId, person, relationship, expiresAt, null));
        var proxied = PaymentCodeContent.Write(new PaymentCodeGrant(CodeId, person, relationship, expiresAt, null, Guid.NewGuid().ToString("N")));

        // Then the expiry takes 8 bytes and each id 17, a missing one 1 (China time reads back as the same instant)
        Assert.Equal((43, 59), (own.Length, proxied.Length));
        Assert.Equal(expiresAt, PaymentCodeContent.Read(CodeId, own)!.ExpiresAt);
    }

    [Fact]
    public void A_guid_id_spelt_as_text_is_not_content_this_layout_makes()
    {
        // Given content whose person is a 32-hex id written as text rather than as its 16 bytes
        var id = Guid.NewGuid().ToString("N");
        byte[] content = [.. new byte[8], (byte)(2 + 32), .. Encoding.UTF8.GetBytes(id), 0, 0];

        // When it is read
        // Then it is nothing: every id has exactly one spelling
        Assert.Null(PaymentCodeContent.Read(CodeId, content));
    }

    [Theory]
    [InlineData(0x80)] // a negative tick count
    [InlineData(0x7F)] // beyond DateTimeOffset.MaxValue
    public void An_expiry_outside_the_calendar_reads_as_nothing(byte first)
    {
        byte[] content = [first, .. new byte[7], 2 + 1, (byte)'p', 0, 0];

        Assert.Null(PaymentCodeContent.Read(CodeId, content));
    }

    [Fact]
    public void A_grant_without_a_person_reads_as_nothing()
    {
        byte[] content = [.. new byte[8], 0, 0, 0];

        Assert.Null(PaymentCodeContent.Read(CodeId, content));
    }

    [Fact]
    public void An_id_longer_than_253_utf8_bytes_does_not_fit()
    {
        var expiresAt = DateTimeOffset.UnixEpoch;

        Assert.NotNull(PaymentCodeContent.Read(CodeId, PaymentCodeContent.Write(new PaymentCodeGrant(CodeId, new string('p', 253), null, expiresAt, null))));
        Assert.Throws<ArgumentException>(() => PaymentCodeContent.Write(new PaymentCodeGrant(CodeId, new string('p', 254), null, expiresAt, null)));
    }
}
