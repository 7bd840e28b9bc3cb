using System.Security.Cryptography;
using System.Text;

namespace FamilyAid.Functions.Storage;

/// <summary>Table keys, built only here so that no clear personal data and no forbidden character reaches a key.</summary>
public static class Keys
{
    /// <summary>The row key of a stream's header.</summary>
    public const string Header = "header";

    /// <summary>The row key of a stream event; zero-padded so that keys sort by sequence.</summary>
    public static string Event(long sequence) => $"e-{sequence:D10}";

    /// <summary>The prefix of event row keys.</summary>
    public const string EventPrefix = "e-";

    /// <summary>An outbox row: the effects of the commit that reached <paramref name="version"/>, in order.</summary>
    public static string Outbox(long version, int index) => $"o-{version:D10}-{index:D3}";

    /// <summary>The prefix of outbox rows.</summary>
    public const string OutboxPrefix = "o-";

    /// <summary>Whether <paramref name="key"/> has the shape of an outbox row key (a message names one).</summary>
    public static bool IsOutboxKey(string? key) =>
        key is { Length: 16 } && key.StartsWith(OutboxPrefix, StringComparison.Ordinal) && key[12] == '-'
        && key[2..12].All(char.IsAsciiDigit) && key[13..].All(char.IsAsciiDigit);

    /// <summary>The row in a member's partition that holds their one place in a sharing group (a claim, insert-only).</summary>
    public const string GroupPlace = "group-place";

    /// <summary>An account's balance row.</summary>
    public const string Balance = "balance";

    /// <summary>A ledger entry; reverse-numbered so that a partition reads newest first.</summary>
    public static string LedgerEntry(long sequence) => $"e-{long.MaxValue - sequence:D19}";

    /// <summary>The prefix of ledger entries.</summary>
    public const string LedgerEntryPrefix = "e-";

    /// <summary>The row in a sharer's account that holds a relative's quota (共济额度), by the relationship's id.</summary>
    public static string Quota(string relationshipId) => $"q-{relationshipId}";

    /// <summary>The row in an insured person's partition that says a report of theirs still owes the ending of their
    /// relationships (written with the report, deleted once they are ended).</summary>
    public static string EndsOwed(string key) => $"{EndsOwedPrefix}{key}";

    /// <summary>The prefix of <see cref="EndsOwed"/> rows.</summary>
    public const string EndsOwedPrefix = "ends-";

    /// <summary>An account's idempotency row for a caller's key.</summary>
    public static string PostingKey(string key) => $"k-{Hash(key)}";

    /// <summary>A listing row of a person's binding request.</summary>
    public static string PersonBinding(string bindingId) => $"b-{bindingId}";

    /// <summary>The prefix of listing rows.</summary>
    public const string PersonBindingPrefix = "b-";

    /// <summary>The guard row that keeps one open request per authorizer, member and kind.</summary>
    public static string OpenGuard(string memberId, string kind) => $"open-{Hash(memberId)}-{kind}";

    /// <summary>The prefix of open-request guard rows.</summary>
    public const string OpenGuardPrefix = "open-";

    /// <summary>A relationship row in a person's partition.</summary>
    public static string Relationship(string relationshipId) => $"r-{relationshipId}";

    /// <summary>The prefix of relationship rows.</summary>
    public const string RelationshipPrefix = "r-";

    /// <summary>A caller-supplied string (a sub, an idempotency key) made key-safe and fixed-length.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..40];

    /// <summary>Whether an id we issued (or were given in a URL) is safe as a key as it is.</summary>
    public static bool IsSafeId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The upper bound for a prefix range query: the prefix with its last character incremented.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>One of the authorizer's proxy slots (亲情账户, 0 … limit − 1), claimed when a proxy relationship activates.</summary>
    public static string ProxySlot(int index) => $"proxy-slot-{index}";

    /// <summary>The prefix of proxy slot rows.</summary>
    public const string ProxySlotPrefix = "proxy-slot-";

    /// <summary>The partition of one institution's reconciliation lines (对账) of one China day; the date is a fixed-length
    /// suffix, so no two institutions' days share a partition.</summary>
    public static string ReconciliationDay(string institutionId, DateOnly date) =>
        $"{institutionId}_{date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>A settlement's line (<paramref name="refund"/> false) or its refund's line in a reconciliation day; lines sort
    /// by the settlement's id, a refund just before its settlement.</summary>
    public static string ReconciliationLine(string settlementId, bool refund) => $"{settlementId}-{(refund ? 'r' : 's')}";
}
