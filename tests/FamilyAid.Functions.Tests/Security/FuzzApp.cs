using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace FamilyAid.Functions.Tests.Security;

/// <summary>The app with its own storage prefix, so that its tables and container hold only what the fuzz test did.</summary>
public sealed class FuzzApp : FamilyAidApp
{
    /// <summary>"fuzz" and six random lower-case letters (tables "{Prefix}Insured", …; container "{Prefix}documents").</summary>
    public string Prefix { get; } = "fuzz" + new string(Enumerable.Range(0, 6).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());

    public FuzzStore Store => new(Prefix);

    protected override void Adjust(Dictionary<string, string?> settings)
    {
        settings["Storage:Prefix"] = Prefix;
        // Only what requests do: the queue and timer functions (which the Functions host invokes apart from requests)
        // would otherwise write in the background, in the middle of the next request's before-and-after.
        settings["Triggers:Local"] = "false";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Hundreds of requests: keep warnings and errors only (an error names the exception behind a 5xx).
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>Stops the app, then removes its tables and container (they are this fixture's alone).</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            await Store.Delete();
        }
        catch (Azure.RequestFailedException)
        {
            // Left behind in a throw-away Azurite; harmless.
        }
    }
}

/// <summary>Everything stored under one prefix: each table's rows and each blob, with their ETags.</summary>
public sealed record StoreSnapshot(IReadOnlyDictionary<string, string> Items)
{
    /// <summary>What changed from <paramref name="before"/> to this, one line per item (empty when nothing did).</summary>
    public List<string> Since(StoreSnapshot before)
    {
        var changes = new List<string>();
        foreach (var (key, etag) in Items)
        {
            if (!before.Items.TryGetValue(key, out var old))
            {
                changes.Add($"+ {key}");
            }
            else if (old != etag)
            {
                changes.Add($"~ {key} (ETag {old} → {etag})");
            }
        }

        changes.AddRange(before.Items.Keys.Where(k => !Items.ContainsKey(k)).Select(k => $"- {k}"));
        return changes;
    }
}

/// <summary>Reads a prefix's tables (listed from the account, not assumed) and its documents container.</summary>
public sealed class FuzzStore(string prefix)
{
    private readonly TableServiceClient tables = new(FamilyAidApp.StorageConnection);

    // Azurite refuses the SDK's newest default service version.
    private readonly BlobContainerClient container = new(
        FamilyAidApp.StorageConnection, prefix + "documents", new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));

    public async Task<List<string>> TableNames()
    {
        var names = new List<string>();
        // Table names are letters and digits, all of which sort below '{'.
        await foreach (var table in tables.QueryAsync($"TableName ge '{prefix}' and TableName lt '{prefix}{{'"))
        {
            if (table.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                names.Add(table.Name);
            }
        }

        return names;
    }

    private List<string> known = [];

    /// <summary>Every table row (PartitionKey, RowKey, ETag) and blob (name, ETag, committed or not).</summary>
    /// <remarks>The tables are listed afresh each time; the ones listed last time are read meanwhile, and any new one after.</remarks>
    public async Task<StoreSnapshot> Take()
    {
        var listing = TableNames();
        var reads = known.ToDictionary(n => n, ReadTable);
        var blobs = ReadBlobs();
        var names = await listing;
        foreach (var name in names.Where(n => !reads.ContainsKey(n)))
        {
            reads[name] = ReadTable(name);
        }

        known = names;
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            foreach (var (key, etag) in await reads[name])
            {
                items[key] = etag;
            }
        }

        // A table read before but listed no more was deleted: it is simply absent from this snapshot.
        await Task.WhenAll(reads.Values);

        foreach (var (key, etag) in await blobs)
        {
            items[key] = etag;
        }

        return new StoreSnapshot(items);
    }

    /// <summary>Removes every table, queue and container of the prefix.</summary>
    public async Task Delete()
    {
        foreach (var name in await TableNames())
        {
            await tables.DeleteTableAsync(name);
        }

        var blobs = new BlobServiceClient(FamilyAidApp.StorageConnection, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));
        await foreach (var item in blobs.GetBlobContainersAsync(BlobContainerTraits.None, BlobContainerStates.None, prefix, CancellationToken.None))
        {
            await blobs.DeleteBlobContainerAsync(item.Name);
        }

        var queues = new QueueServiceClient(FamilyAidApp.StorageConnection, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06));
        await foreach (var item in queues.GetQueuesAsync(QueueTraits.None, prefix, CancellationToken.None))
        {
            await queues.DeleteQueueAsync(item.Name);
        }
    }

    private async Task<List<(string Key, string ETag)>> ReadTable(string name)
    {
        var rows = new List<(string, string)> { ($"table {name}", "") };
        await foreach (var row in tables.GetTableClient(name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            rows.Add(($"row {name} {row.PartitionKey} {row.RowKey}", row.ETag.ToString()));
        }

        return rows;
    }

    private async Task<List<(string Key, string ETag)>> ReadBlobs()
    {
        var blobs = new List<(string, string)>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.Uncommitted, null, CancellationToken.None))
            {
                blobs.Add(($"blob {container.Name}/{blob.Name}", blob.Properties.ETag?.ToString() ?? ""));
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No container: nothing stored.
        }

        return blobs;
    }
}
