using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using FamilyAid.Functions.Bindings.Documents;
using FamilyAid.Functions.Settings;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Deploy;

/// <summary>Storage by managed identity as far as it runs without Azure: the settings, the clients' endpoints and
/// credential, and document links signed with a user delegation key; the connection-string path beside it.</summary>
public sealed class StorageIdentityTests
{
    private const string ClientId = "00000000-0000-0000-0000-0000000000c1";

    private static ServiceProvider Services(Action<Dictionary<string, string?>> adjust)
    {
        var settings = FamilyAidApp.Settings();
        settings.Remove("AzureWebJobsStorage");
        adjust(settings);
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        FamilyAid.Functions.Hosting.App.AddSettings(services);
        services.AddLogging().AddSingleton(TimeProvider.System).AddSingleton<DocumentStore>().AddStorage();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void An_account_name_builds_every_client_on_the_account_endpoints_with_the_managed_identity()
    {
        // Given AzureWebJobsStorage__accountName and __clientId, and no connection string
        using var services = Services(s =>
        {
            s["AzureWebJobsStorage:accountName"] = "famaiddev";
            s["AzureWebJobsStorage:clientId"] = ClientId;
        });

        // When the app's storage clients are built
        var settings = services.GetRequiredService<StorageSettings>();
        var blobs = services.GetRequiredService<BlobServiceClient>();

        // Then each service is reached on its public endpoint, by DefaultAzureCredential for that identity, with no key to sign with
        Assert.Null(settings.Connection);
        Assert.Equal(ClientId, settings.Identity!.ClientId);
        Assert.IsType<DefaultAzureCredential>(settings.Identity.Credential());
        Assert.Equal(new Uri("https://famaiddev.blob.core.windows.net/"), blobs.Uri);
        Assert.Equal(new Uri("https://famaiddev.queue.core.windows.net/"), services.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Equal("famaiddev", services.GetRequiredService<TableServiceClient>().AccountName);
        Assert.False(blobs.CanGenerateAccountSasUri);
        Assert.False(services.GetRequiredService<BlobContainerClient>().CanGenerateSasUri);
    }

    [Fact]
    public void Service_uris_name_the_endpoints_and_a_missing_one_is_named()
    {
        // Given the three service URIs of a sovereign cloud instead of an account name
        using var services = Services(s =>
        {
            s["AzureWebJobsStorage:blobServiceUri"] = "https://famaid.blob.core.chinacloudapi.cn";
            s["AzureWebJobsStorage:queueServiceUri"] = "https://famaid.queue.core.chinacloudapi.cn";
            s["AzureWebJobsStorage:tableServiceUri"] = "https://famaid.table.core.chinacloudapi.cn";
        });

        // When the clients are built
        // Then they use those URIs, and the system-assigned identity (no client id)
        Assert.Equal(new Uri("https://famaid.blob.core.chinacloudapi.cn/"), services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri("https://famaid.queue.core.chinacloudapi.cn/"), services.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Null(services.GetRequiredService<StorageSettings>().Identity!.ClientId);

        // and without the table URI start-up names it
        using var partial = Services(s => s["AzureWebJobsStorage:blobServiceUri"] = "https://famaid.blob.core.chinacloudapi.cn");
        var error = Assert.Throws<SettingsException>(() => SettingsOptions.Validate(partial));
        Assert.Contains("'AzureWebJobsStorage:queueServiceUri'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_a_connection_string_nor_an_identity_stops_start_up_naming_both()
    {
        // Given no storage settings at all
        using var services = Services(_ => { });

        // When the settings are checked
        var error = Assert.Throws<SettingsException>(() => SettingsOptions.Validate(services));

        // Then the message names the connection string and the identity settings
        Assert.Contains("'AzureWebJobsStorage'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_wins_and_its_links_are_signed_with_the_account_key()
    {
        // Given a connection string with an account key (and identity settings beside it)
        using var services = Services(s =>
        {
            s["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
            s["AzureWebJobsStorage:accountName"] = "famaiddev";
        });

        // When a document link is signed
        var links = await services.GetRequiredService<DocumentStore>().Links(DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        var query = Query(links.ReadLink("b1/doc"));

        // Then the client is the emulator's and the SAS is an account-key one (no delegation key fields)
        Assert.Equal("devstoreaccount1", services.GetRequiredService<BlobServiceClient>().AccountName);
        Assert.Equal("r", query["sp"]);
        Assert.False(query.ContainsKey("skoid"));
        Assert.True(query.ContainsKey("sig"));
    }

    [Fact]
    public void Without_an_account_key_a_link_is_a_user_delegation_sas_signed_with_the_delegation_key()
    {
        // Given the documents container reached by identity and a user delegation key (made here, no network)
        using var services = Services(s => s["AzureWebJobsStorage:accountName"] = "famaiddev");
        var container = services.GetRequiredService<BlobContainerClient>();
        var expires = new DateTimeOffset(2026, 12, 4, 12, 5, 0, TimeSpan.Zero);

        // When links to one document are signed with it, and with another key
        var query = Query(new DocumentLinks(container, Key("a2V5LW9uZQ=="), expires).ReadLink("b1/doc"));
        var again = Query(new DocumentLinks(container, Key("a2V5LW9uZQ=="), expires).ReadLink("b1/doc"));
        var other = Query(new DocumentLinks(container, Key("a2V5LXR3bw=="), expires).ReadLink("b1/doc"));

        // Then the link is a read-only, https-only blob SAS naming the delegation key, until the expiry asked for
        Assert.Equal("r", query["sp"]);
        Assert.Equal("b", query["sr"]);
        Assert.Equal("https", query["spr"]);
        Assert.Equal("2026-12-04T12:05:00Z", query["se"]);
        Assert.Equal("11111111-1111-1111-1111-111111111111", query["skoid"]);
        Assert.Equal("22222222-2222-2222-2222-222222222222", query["sktid"]);
        Assert.Equal("b", query["sks"]);

        // and its signature comes from the key's value
        Assert.Equal(query["sig"], again["sig"]);
        Assert.NotEqual(query["sig"], other["sig"]);
    }

    private static UserDelegationKey Key(string value) => BlobsModelFactory.UserDelegationKey(
        "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222",
        new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero),
        "b", "2025-01-05", value);

    private static Dictionary<string, string> Query(Uri link) =>
        link.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);
}
