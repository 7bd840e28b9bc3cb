using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>The imports' table, the private <c>imports</c> container (files and their reports) and the queue of import
/// pointers, each under the storage prefix; created on first use.</summary>
public sealed class ImportStorage(TableServiceClient tables, BlobServiceClient blobs, Queues queues, StorageSettings settings)
{
    /// <summary>The container (and, in function.json, the blob trigger's path) of platform files.</summary>
    public const string ContainerName = "imports";

    /// <summary>The queue of <c>{importId}</c> pointers.</summary>
    public const string QueueName = "imports";

    /// <summary>Where the platform drops files (the blob trigger watches only here).</summary>
    public const string DropPrefix = "drop/";

    private Task? ready;

    /// <summary>Imports by id.</summary>
    public TableClient Table { get; } = tables.GetTableClient(settings.Prefix + "Imports");

    /// <summary>Files and reports.</summary>
    public BlobContainerClient Container { get; } = blobs.GetBlobContainerClient(settings.Prefix + ContainerName);

    /// <summary>Import pointers.</summary>
    public QueueClient Queue { get; } = queues.Named(QueueName);

    /// <summary>The name of an uploaded file.</summary>
    public static string UploadOf(string importId) => UploadOf(importId, ImportFormat.JsonLines);

    /// <summary>The name of an uploaded file of <paramref name="format"/> (the runner reads the format from it).</summary>
    public static string UploadOf(string importId, ImportFormat format) => $"uploads/{importId}.{ImportFormats.Extension(format)}";

    /// <summary>The name of an import's report of refusals.</summary>
    public static string ReportOf(string importId) => $"reports/{importId}.refusals.jsonl";

    /// <summary>Creates the table, container and queue once per process (again after a failure).</summary>
    public Task Ready(CancellationToken ct)
    {
        var current = ready;
        if (current is { IsCompletedSuccessfully: true })
        {
            return current;
        }

        return ready = Create(ct);
    }

    /// <summary>Queues a pointer to <paramref name="importId"/>, visible after <paramref name="delay"/>.</summary>
    public async Task Enqueue(string importId, TimeSpan? delay, CancellationToken ct)
    {
        await Ready(ct);
        await Queue.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(new { importId }), delay, cancellationToken: ct);
    }

    private async Task Create(CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        await Container.CreateIfNotExistsAsync(Azure.Storage.Blobs.Models.PublicAccessType.None, cancellationToken: ct);
        await Queue.CreateIfNotExistsAsync(cancellationToken: ct);
        await queues.PoisonOf(QueueName).CreateIfNotExistsAsync(cancellationToken: ct);
    }
}
