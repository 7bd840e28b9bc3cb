using System.Text;
using Azure.Data.Tables;

namespace FamilyAid.Bench;

/// <summary>The floor: one entity-group transaction of three Adds (a header-like row with a ~1 KB string and two
/// event-like rows), each into a fresh partition, straight through Azure.Data.Tables.</summary>
internal sealed class RawTransactions(TableClient table)
{
    // About the size of a binding header's snapshot JSON (the run prints the real one's size).
    private static readonly string Snapshot = MakeSnapshot(1024);

    private static readonly string EventData =
        """{"at":"2026-11-24T02:00:00+00:00","type":"member-id-front","document":{"blobName":"0123456789abcdef0123456789abcdef/member-id-front/0123456789abcdef0123456789abcdef","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","size":1024,"contentType":"image/jpeg"}}""";

    public async Task Commit(CancellationToken ct)
    {
        var partition = Guid.CreateVersion7().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, "header")
            {
                ["Snapshot"] = Snapshot, ["Version"] = 2L, ["Status"] = "AwaitingDocuments", ["Region"] = "guangdong",
            }),
            Event(partition, 1, now),
            Event(partition, 2, now),
        ], ct);
    }

    private static TableTransactionAction Event(string partition, long sequence, DateTimeOffset at) =>
        new(TableTransactionActionType.Add, new TableEntity(partition, $"e-{sequence:D10}")
        {
            ["Sequence"] = sequence, ["Name"] = "document-recorded", ["At"] = at, ["Data"] = EventData,
        });

    private static string MakeSnapshot(int length)
    {
        var text = new StringBuilder("{\"id\":\"0123456789abcdef0123456789abcdef\",\"documents\":{");
        while (text.Length < length - 2)
        {
            text.Append("\"x\":\"0123456789abcdef\",");
        }

        return text.ToString(0, length - 2) + "}}";
    }
}
