using Azure.Storage.Blobs.Models;
using Azure;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Policy;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    /// <summary>Finished (done or failed), or there was nothing to run.</summary>
    Finished,

    /// <summary>Another runner holds the import.</summary>
    Busy,

    /// <summary>The slice ran out: checkpointed, let go and queued again.</summary>
    Paused,
}

/// <summary>Runs an import: claims it, streams the file from its checkpoint in batches, applies each batch in parallel
/// across people (a person's lines in file order), and checkpoints after each batch: counts, line and byte offset, and
/// the report. A crash repeats at most one batch, whose lines are idempotent; nothing is skipped.</summary>
public sealed partial class ImportRunner(
    ImportStore store, ImportStorage storage, LineApplier applier, RefusalReport report, ImportSettings settings,
    PolicyBook policies, TimeProvider clock, ILogger<ImportRunner> logger)
{
    /// <summary>Runs import <paramref name="importId"/> as runner <paramref name="owner"/> until it is finished or the slice
    /// runs out; <paramref name="observer"/> sees each batch applied, before its checkpoint is saved (where a crash costs
    /// most: tests stop a run there).</summary>
    public async Task<RunOutcome> Run(string importId, string owner, CancellationToken ct, Func<Checkpoint, Task>? observer = null)
    {
        var claimed = await store.Claim(importId, owner, clock.GetUtcNow(), clock.GetUtcNow() + settings.Lease, ct);
        if (claimed is null)
        {
            return (await store.Get(importId, ct)) is { Status: ImportStatus.Queued or ImportStatus.Running } ? RunOutcome.Busy : RunOutcome.Finished;
        }

        try
        {
            var outcome = await Continue(claimed, observer, ct);
            claimed = outcome.Claimed;
            if (outcome.Paused)
            {
                await store.Release(claimed, ct);
                claimed = null;
                await storage.Enqueue(importId, null, ct);
                return RunOutcome.Paused;
            }

            await store.Finish(claimed, ImportStatus.Done, null, clock.GetUtcNow(), ct);
            claimed = null;
            LogDone(logger, importId, outcome.Counts.Read, outcome.Counts.Applied, outcome.Counts.Unchanged, outcome.Counts.Refused);
            return RunOutcome.Finished;
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound && claimed is not null)
        {
            await store.Finish(claimed, ImportStatus.Failed, "The file is gone from the imports container.", clock.GetUtcNow(), ct);
            return RunOutcome.Finished;
        }
        catch (ImportFileException e) when (claimed is not null)
        {
            await store.Finish(claimed, ImportStatus.Failed, e.Message, clock.GetUtcNow(), ct);
            return RunOutcome.Finished;
        }
    }

    private sealed record Progress(ImportRecord Claimed, ImportCounts Counts, bool Paused);

    private async Task<Progress> Continue(ImportRecord claimed, Func<Checkpoint, Task>? observer, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var counts = claimed.Counts;
        var checkpoint = claimed.Checkpoint;
        var blob = storage.Container.GetBlobClient(claimed.Blob);
        // A CSV file's header is its first line: read here when the run starts there, else on its own.
        var columns = ImportFormats.Of(claimed.Blob) == ImportFormat.Csv && checkpoint.Line > 0 ? await Header(blob, ct) : null;
        var header = ImportFormats.Of(claimed.Blob) == ImportFormat.Csv && checkpoint.Line == 0;
        await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
        {
            Position = checkpoint.Offset, BufferSize = 4 * 1024 * 1024,
        }, ct);
        var batch = new List<RawLine>(settings.CheckpointEvery);
        await foreach (var line in LineReader.Read(stream, checkpoint.Offset, checkpoint.Line, ImportSettings.MaxLineBytes, ct))
        {
            if (header)
            {
                (columns, header) = (CsvColumns.FromHeader(line.Bytes), false);
                continue;
            }

            batch.Add(line);
            if (batch.Count < settings.CheckpointEvery)
            {
                continue;
            }

            (claimed, counts, checkpoint) = await Batch(claimed, counts, checkpoint, batch, columns, observer, ct);
            batch.Clear();

            if (clock.GetElapsedTime(started) > settings.Slice)
            {
                return new Progress(claimed, counts, Paused: true);
            }
        }

        if (batch.Count > 0)
        {
            (claimed, counts, checkpoint) = await Batch(claimed, counts, checkpoint, batch, columns, observer, ct);
        }

        return new Progress(claimed, counts, Paused: false);
    }

    private static async Task<CsvColumns> Header(Azure.Storage.Blobs.BlobClient blob, CancellationToken ct)
    {
        await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 64 * 1024 }, ct);
        await foreach (var line in LineReader.Read(stream, 0, 0, ImportSettings.MaxLineBytes, ct))
        {
            return CsvColumns.FromHeader(line.Bytes);
        }

        throw new ImportFileException("The CSV file has no header row.");
    }

    // One batch: parsed, applied, reported, then checkpointed under the claim (renewed first when half of it is gone,
    // so that the claim never runs out while lines are being applied).
    private async Task<(ImportRecord, ImportCounts, Checkpoint)> Batch(
        ImportRecord claimed, ImportCounts counts, Checkpoint checkpoint, List<RawLine> batch, CsvColumns? columns, Func<Checkpoint, Task>? observer,
        CancellationToken ct)
    {
        if (claimed.LeaseUntil - clock.GetUtcNow() < settings.Lease / 2)
        {
            claimed = await store.Save(claimed, counts, checkpoint, clock.GetUtcNow() + settings.Lease, ct);
        }

        var today = Age.ChinaDate(clock.GetUtcNow());
        var (applied, unchanged, refusals) = await Apply(claimed.Id, batch, columns, today, ct);
        await report.Add(claimed.Id, checkpoint.Line, refusals, ct);
        var next = new Checkpoint(batch[^1].Number, batch[^1].EndOffset);
        if (observer is not null)
        {
            await observer(next);
        }

        var total = counts.Plus(new ImportCounts(batch.Count, applied, unchanged, refusals.Count));
        claimed = await store.Save(claimed, total, next, clock.GetUtcNow() + settings.Lease, ct);
        return (claimed, total, next);
    }

    private async Task<(long Applied, long Unchanged, List<LineRefusal> Refusals)> Apply(
        string importId, List<RawLine> batch, CsvColumns? columns, DateOnly today, CancellationToken ct)
    {
        var refusals = new List<LineRefusal>();
        var people = new Dictionary<Domain.Identity.ResidentId, List<ParsedLine>>();
        foreach (var raw in batch)
        {
            var (parsed, refusal) = raw.TooLong
                ? (null, new LineRefusal(raw.Number, "line-too-long", null, $"A line holds at most {ImportSettings.MaxLineBytes} bytes."))
                : Parse(raw, columns, today);
            if (parsed is null)
            {
                refusals.Add(refusal!);
                continue;
            }

            // Grouped by person, in memory only: a person's lines stay in file order.
            var key = parsed.ResidentId;
            if (!people.TryGetValue(key, out var lines))
            {
                people[key] = lines = [];
            }

            lines.Add(parsed);
        }

        long applied = 0, unchanged = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = ct };
        await Parallel.ForEachAsync(people.Values, options, async (lines, token) =>
        {
            foreach (var line in lines)
            {
                var (outcome, refusal) = await applier.Apply(importId, line, today, token);
                if (outcome == LineOutcome.Applied)
                {
                    Interlocked.Increment(ref applied);
                }
                else if (outcome == LineOutcome.Unchanged)
                {
                    Interlocked.Increment(ref unchanged);
                }
                else
                {
                    lock (refusals)
                    {
                        refusals.Add(refusal!);
                    }
                }
            }
        });
        return (applied, unchanged, refusals);
    }

    // A JSON line as it is; a CSV line as the JSON object of its fields, then the same way.
    private (ParsedLine?, LineRefusal?) Parse(RawLine raw, CsvColumns? columns, DateOnly today)
    {
        if (columns is null)
        {
            return LineParser.Parse(raw.Number, raw.Bytes, today, policies);
        }

        var (json, refusal) = columns.ToJson(raw.Number, raw.Bytes);
        return json is null ? (null, refusal) : LineParser.Parse(raw.Number, json, today, policies, "invalid-csv");
    }

    [LoggerMessage(LogLevel.Information, "Import {ImportId} done: {Read} lines read, {Applied} applied, {Unchanged} unchanged, {Refused} refused.")]
    private static partial void LogDone(ILogger logger, string importId, long read, long applied, long unchanged, long refused);
}
