using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace FamilyAid.Bench;

/// <summary>After the run: every request's header version equals its number of event rows, and equals the number of
/// commands the driver saw succeed on it; outbox rows left behind are counted too.</summary>
internal static class StreamCheck
{
    public sealed record Outcome(int Requests, int VersionMismatches, int CountMismatches, int OutboxLeft, long EventRows, int SnapshotBytes, IReadOnlyList<string> Examples)
    {
        public bool Passed => VersionMismatches == 0 && CountMismatches == 0;
    }

    public static async Task<Outcome> Run(TableClient bindings, IReadOnlyDictionary<string, int> committed, int concurrency)
    {
        var ids = new ConcurrentQueue<string>(committed.Keys);
        var examples = new ConcurrentQueue<string>();
        int versionBad = 0, countBad = 0, outboxLeft = 0, snapshot = 0;
        long events = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (ids.TryDequeue(out var id))
            {
                long? version = null;
                var eventRows = 0;
                var outboxRows = 0;
                var names = new List<string>();
                await foreach (var row in bindings.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")))
                {
                    if (row.RowKey == "header")
                    {
                        version = row.GetInt64("Version");
                        Interlocked.CompareExchange(ref snapshot, row.GetString("Snapshot")?.Length ?? 0, 0);
                    }
                    else if (row.RowKey.StartsWith("e-", StringComparison.Ordinal))
                    {
                        eventRows++;
                        names.Add(row.GetString("Name") ?? "?");
                    }
                    else if (row.RowKey.StartsWith("o-", StringComparison.Ordinal))
                    {
                        outboxRows++;
                    }
                }

                Interlocked.Add(ref events, eventRows);
                Interlocked.Add(ref outboxLeft, outboxRows);
                if (version != eventRows)
                {
                    Interlocked.Increment(ref versionBad);
                    examples.Enqueue($"{id}: header version {version?.ToString() ?? "missing"}, {eventRows} event rows");
                }

                if (eventRows != committed[id])
                {
                    Interlocked.Increment(ref countBad);
                    examples.Enqueue($"{id}: {eventRows} event rows, {committed[id]} commands acknowledged: {string.Join(", ", names)}");
                }
            }
        })));
        return new Outcome(committed.Count, versionBad, countBad, outboxLeft, events, snapshot, [.. examples.Take(10)]);
    }
}
