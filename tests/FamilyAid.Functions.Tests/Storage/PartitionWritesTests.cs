using Azure;
using Azure.Data.Tables;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Storage;

/// <summary>Group commit of one-row writes to one partition (issue 16): writes in flight together share transactions, and
/// each still gets the answer it would have had alone.</summary>
[Collection(AppCollection.Name)]
public sealed class PartitionWritesTests(FamilyAidApp app)
{
    private TableClient Table => app.Services.GetRequiredService<Tables>().Movements;

    [Fact]
    public async Task Twenty_writes_in_flight_to_one_partition_take_a_few_storage_requests_and_all_land()
    {
        // Given a fresh partition
        var partition = NewPartition();
        var writes = new PartitionWrites();

        // When twenty rows are written to it at once, every storage request counted
        Response[] answers;
        IReadOnlyList<string> requests;
        using (var counted = StorageRequests.Start())
        {
            answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => writes.Write(Table, Upsert(partition, $"r{i:00}", i))));
            requests = counted.Seen;
        }

        // Then each answered with its row's ETag, all twenty are stored, and it took far fewer than twenty requests
        Assert.All(answers, a => Assert.NotNull(a.Headers.ETag));
        var stored = await Rows(partition);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"r{i:00}"), stored.Select(r => r.RowKey));
        Assert.True(requests.Count <= 4, $"{requests.Count} storage requests: {string.Join(", ", requests)}");
    }

    [Fact]
    public async Task A_write_that_fails_in_a_gathered_transaction_fails_alone_and_the_others_land()
    {
        // Given a row whose first ETag has gone stale
        var partition = NewPartition();
        var stale = (await Table.AddEntityAsync(new TableEntity(partition, "doomed"))).Headers.ETag!.Value;
        await Table.UpdateEntityAsync(new TableEntity(partition, "doomed") { ["Changed"] = true }, ETag.All, TableUpdateMode.Merge);
        var writes = new PartitionWrites();

        // When a lone write leads, and while it is under way nine upserts and a delete under the stale ETag gather behind it
        var counted = StorageRequests.Start();
        var leading = writes.Write(Table, Upsert(partition, "lead", 0));
        var upserts = Enumerable.Range(0, 9).Select(i => writes.Write(Table, Upsert(partition, $"r{i}", i))).ToList();
        var delete = writes.Write(Table, new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, "doomed"), stale));

        // Then only the delete fails, with the 412 it would have had alone, and everything else is stored: the nine in
        // one more transaction (the service names the write that failed), not one by one
        var failed = await Assert.ThrowsAnyAsync<RequestFailedException>(() => delete);
        Assert.Equal(412, failed.Status);
        await leading;
        await Task.WhenAll(upserts);
        counted.Dispose();
        Assert.True(counted.Seen.Count <= 4, $"{counted.Seen.Count} storage requests: {string.Join(", ", counted.Seen)}");
        Assert.Equal(["doomed", "lead", .. Enumerable.Range(0, 9).Select(i => $"r{i}")], (await Rows(partition)).Select(r => r.RowKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_writes_to_one_row_in_flight_go_in_turn()
    {
        // Given a fresh partition
        var partition = NewPartition();
        var writes = new PartitionWrites();

        // When a lone write leads and two writes of one row gather behind it (one transaction may not hold a row twice)
        var leading = writes.Write(Table, Upsert(partition, "lead", 0));
        var first = writes.Write(Table, Upsert(partition, "same", 1));
        var second = writes.Write(Table, Upsert(partition, "same", 2));
        await Task.WhenAll(leading, first, second);

        // Then both succeed, in the order they were asked: the row holds the second
        var row = (await Table.GetEntityAsync<TableEntity>(partition, "same")).Value;
        Assert.Equal(2, row.GetInt32("N"));
    }

    private static string NewPartition() => "pw-" + Guid.NewGuid().ToString("N");

    private static TableTransactionAction Upsert(string partition, string row, int n) =>
        new(TableTransactionActionType.UpsertMerge, new TableEntity(partition, row) { ["N"] = n });

    private async Task<List<TableEntity>> Rows(string partition) =>
        await Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync();
}
