using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>An import's report: one JSON line per refused line (<c>{line, code, field, detail}</c>, never the line's
/// content), a block blob with one block per checkpoint that had refusals, named after its first line. A batch repeated
/// after a crash stages its block again under the same name: nothing is reported twice.</summary>
public sealed class RefusalReport(ImportStorage storage)
{
    /// <summary>Adds the refusals of the batch that starts after line <paramref name="lineBefore"/> to the report.</summary>
    public async Task Add(string importId, long lineBefore, IReadOnlyList<LineRefusal> refusals, CancellationToken ct)
    {
        if (refusals.Count == 0)
        {
            return;
        }

        var blob = storage.Container.GetBlockBlobClient(ImportStorage.ReportOf(importId));
        var text = new StringBuilder();
        foreach (var refusal in refusals.OrderBy(r => r.Line))
        {
            text.Append(JsonSerializer.Serialize(refusal, Json.Options)).Append('\n');
        }

        var block = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{lineBefore:D16}"));
        using (var content = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())))
        {
            await blob.StageBlockAsync(block, content, cancellationToken: ct);
        }

        var committed = await Committed(blob, ct);
        await blob.CommitBlockListAsync(
            committed.Where(b => b != block).Append(block).OrderBy(b => Encoding.ASCII.GetString(Convert.FromBase64String(b)), StringComparer.Ordinal),
            new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } }, ct);
    }

    private static async Task<IEnumerable<string>> Committed(BlockBlobClient blob, CancellationToken ct)
    {
        try
        {
            return (await blob.GetBlockListAsync(BlockListTypes.Committed, cancellationToken: ct)).Value.CommittedBlocks.Select(b => b.Name).ToList();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }
}
