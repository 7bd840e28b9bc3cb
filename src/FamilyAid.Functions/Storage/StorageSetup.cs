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

    /// <summary>Table, blob and queue service clients for <c>AzureWebJobsStorage</c>: by its connection string, or by the
    /// managed identity (<see cref="StorageIdentity"/>) through <c>Microsoft.Extensions.Azure</c>'s credential.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddAzureClients(clients =>
        {
            // Microsoft.Extensions.Azure builds the credential for every client; with a connection string it is never used
            // (constructing DefaultAzureCredential signs nothing in).
            clients.UseCredential(sp => (sp.GetRequiredService<StorageSettings>().Identity ?? Unused).Credential());
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, sp) =>
                sp.GetRequiredService<StorageSettings>() is { Connection: { } connection }
                    ? new TableServiceClient(connection, options)
                    : new TableServiceClient(Identity(sp).Table, credential, options));
            // Pinned to the newest service version Azurite 3.37 speaks (it refuses 2026-10-06 even with
            // --skipApiVersionCheck on some operations); Azure serves it as well.
            clients.AddClient<BlobServiceClient, BlobClientOptions>((_, credential, sp) =>
            {
                var options = Configure(new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));
                return sp.GetRequiredService<StorageSettings>() is { Connection: { } connection }
                    ? new BlobServiceClient(connection, options)
                    : new BlobServiceClient(Identity(sp).Blob, credential, options);
            });
            clients.AddClient<QueueServiceClient, QueueClientOptions>((_, credential, sp) =>
            {
                var options = Configure(new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06) { MessageEncoding = QueueMessageEncoding.Base64 });
                return sp.GetRequiredService<StorageSettings>() is { Connection: { } connection }
                    ? new QueueServiceClient(connection, options)
                    : new QueueServiceClient(Identity(sp).Queue, credential, options);
            });
            clients.ConfigureDefaults(options => Configure(options));
        });
        services.AddSingleton<PartitionWrites>();
        services.AddSingleton(sp => new Tables(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<StorageSettings>().Prefix));
        services.AddSingleton(sp => sp.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient(sp.GetRequiredService<StorageSettings>().Prefix + StorageNames.DocumentsContainer));
        services.AddSingleton(sp => new Queues(
            sp.GetRequiredService<QueueServiceClient>(), sp.GetRequiredService<StorageSettings>().Prefix));
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    private static readonly StorageIdentity Unused = new(new("https://unused"), new("https://unused"), new("https://unused"), null);

    private static StorageIdentity Identity(IServiceProvider services) => services.GetRequiredService<StorageSettings>().Identity!;
}
