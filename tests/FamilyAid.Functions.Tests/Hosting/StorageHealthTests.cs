using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FamilyAid.Functions.Tests.Hosting;

/// <summary>The app on the test Azurite except for one storage service, whose endpoint nobody listens on.</summary>
public sealed class OneServiceDownApp(string endpoint) : FamilyAidApp
{
    protected override void Adjust(Dictionary<string, string?> settings) =>
        settings["AzureWebJobsStorage"] = Regex.Replace(
            settings["AzureWebJobsStorage"]!, $@"{endpoint}=http://127\.0\.0\.1:\d+/", $"{endpoint}=http://127.0.0.1:{DeadStorageApp.DeadPort()}/");
}

public sealed class StorageHealthTests
{
    [Theory]
    [InlineData("TableEndpoint", "tables")]
    [InlineData("BlobEndpoint", "blobs")]
    [InlineData("QueueEndpoint", "queues")]
    public async Task Health_names_the_storage_service_that_does_not_answer(string endpoint, string check)
    {
        // Given an app whose storage answers except for one service
        await using var app = new OneServiceDownApp(endpoint);
        var clock = Stopwatch.StartNew();

        // When health is asked
        var response = await app.Anonymous().GetAsync("/api/health");

        // Then it is 503 storage-unavailable naming that service, within the checks' timeout (a service the start-up
        // had not reached yet is named too: its queue or container may not exist)
        var problem = await Api.ExpectProblem(response, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        Assert.Contains(check, problem["unavailable"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"health took {clock.Elapsed}");
    }
}
