using System.Diagnostics;
using System.Net.Sockets;

namespace FamilyAid.Functions.Tests.Hosting;

/// <summary>The app whose storage account does not answer: endpoints on a port nobody listens on.</summary>
public sealed class DeadStorageApp : FamilyAidApp
{
    /// <summary>A loopback port that was free a moment ago: connections to it are refused at once.</summary>
    public static int DeadPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void Adjust(Dictionary<string, string?> settings)
    {
        var port = DeadPort();
        settings["AzureWebJobsStorage"] =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }
}

public sealed class DeadStorageTests(DeadStorageApp app) : IClassFixture<DeadStorageApp>
{
    [Fact]
    public async Task Health_says_storage_is_unavailable_within_seconds()
    {
        var client = app.Anonymous();
        var clock = Stopwatch.StartNew();

        var response = await client.GetAsync("/api/health");

        var problem = await Api.ExpectProblem(response, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        Assert.Equal(["blobs", "queues", "tables"], problem["unavailable"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"health took {clock.Elapsed}");
    }

    [Fact]
    public async Task Endpoints_that_need_storage_answer_503_not_500()
    {
        // Given an app whose storage does not answer
        var admin = app.Admin();
        var applicant = app.As("someone");
        var clock = Stopwatch.StartNew();

        // When callers use endpoints that read and write storage
        var upsert = await admin.PostAsJsonAsync("/api/admin/insured", new
        {
            residentId = TestIds.Adult(), name = "张三", phone = "13912345678", insuranceType = "employee", status = "normal",
            region = "guangdong", personalAccountFen = 1000,
        });
        var list = await applicant.GetAsync("/api/bindings");
        var get = await applicant.GetAsync("/api/bindings/0123456789abcdef0123456789abcdef");
        var upload = await Api.Upload(applicant, "0123456789abcdef0123456789abcdef", "member-id-front", Api.Jpeg());

        // Then each says storage is unavailable, quickly
        await Api.ExpectProblem(upsert, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        await Api.ExpectProblem(list, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        await Api.ExpectProblem(get, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        await Api.ExpectProblem(upload, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"four requests took {clock.Elapsed}");
    }
}
