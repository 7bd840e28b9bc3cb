using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;

namespace FamilyAid.Functions.Storage;

/// <summary>Registers the storage clients once and creates tables and containers at start-up.</summary>
public static class StorageSetup
{
    // Fail fast: a request should answer 503 in seconds, not hang on retries.
    private static T Configure<T>(T options)
        where T : Azure.Core.ClientOptions
    {
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        options.AddPolicy(ExpectedConflicts.Policy, Azure.Core.HttpPipelinePosition.PerCall);
        return options;
    }

    /// <summary>Table, blob and queue service clients for <c>AzureWebJobsStorage</c>.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddAzureClients(clients =>
        {
            clients.AddClient<TableServiceClient, TableClientOptions>(
                (options, sp) => new TableServiceClient(sp.GetRequiredService<StorageSettings>().Connection, options));
            // Pinned to the newest service version Azurite 3.37 speaks (it refuses 2026-10-06 even with
            // --skipApiVersionCheck on some operations); Azure serves it as well.
            clients.AddClient<BlobServiceClient, BlobClientOptions>((_, sp) => new BlobServiceClient(
                sp.GetRequiredService<StorageSettings>().Connection, Configure(new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06))));
            clients.AddClient<QueueServiceClient, QueueClientOptions>((_, sp) => new QueueServiceClient(
                sp.GetRequiredService<StorageSettings>().Connection,
                Configure(new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06) { MessageEncoding = QueueMessageEncoding.Base64 })));
            clients.ConfigureDefaults(options => Configure(options));
        });
        services.AddSingleton(sp => new Tables(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<StorageSettings>().Prefix));
        services.AddSingleton(sp => sp.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient(sp.GetRequiredService<StorageSettings>().Prefix + StorageNames.DocumentsContainer));
        services.AddSingleton(sp => new Queues(
            sp.GetRequiredService<QueueServiceClient>(), sp.GetRequiredService<StorageSettings>().Prefix));
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
