using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FamilyAid.Domain.Identity;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.PlatformSync;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.PlatformSync;

/// <summary>Platform files for tests, and the steps of importing them.</summary>
public static class ImportFiles
{
    private static int counter;

    /// <summary>A person as a file line names them.</summary>
    public sealed record Someone(string ResidentId, string Name, string Phone);

    public static Someone NewPerson() =>
        new(TestIds.Adult(), $"导入{Interlocked.Increment(ref counter)}", "138" + Random.Shared.Next(10_000_000, 99_999_999));

    public static string Upsert(Someone who, long balanceFen, string region = "guangdong", string status = "normal", string type = "employee") =>
        JsonSerializer.Serialize(new
        {
            op = "upsert", residentId = who.ResidentId, name = who.Name, phone = who.Phone, insuranceType = type, status, region,
            accountBalanceFen = balanceFen,
        });

    public static string Upsert(Person who, long balanceFen, string type = "employee") =>
        Upsert(new Someone(who.ResidentId, who.Name, who.Phone), balanceFen, type: type);

    public static string File(params string[] lines) => string.Join("\n", lines) + "\n";

    public static async Task<HttpResponseMessage> Post(HttpClient client, string text, string mediaType = StartImport.MediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await client.PostAsync("/api/admin/imports", content);
    }

    /// <summary>Uploads through the route and waits until the import is done; its view.</summary>
    public static async Task<JsonNode> Import(FamilyAidApp app, string text)
    {
        var response = await Post(app.Admin(), text);
        await Api.Expect(response, HttpStatusCode.Accepted);
        return await Done(app, (await Api.Json(response))["id"]!.GetValue<string>());
    }

    public static async Task<JsonNode> Done(FamilyAidApp app, string id)
    {
        JsonNode? view = null;
        await Api.Eventually(async () =>
        {
            view = await Api.Json(await app.Admin().GetAsync($"/api/admin/imports/{id}"));
            return view["status"]?.GetValue<string>() is "done" or "failed";
        }, $"import {id} to finish");
        return view!;
    }

    public static long Count(JsonNode view, string name) => view[name]!.GetValue<long>();

    /// <summary>The report's text (empty when nothing was refused).</summary>
    public static async Task<string> Report(FamilyAidApp app, string importId)
    {
        var blob = app.Services.GetRequiredService<ImportStorage>().Container.GetBlobClient(ImportStorage.ReportOf(importId));
        return (await blob.ExistsAsync()).Value ? (await blob.DownloadContentAsync()).Value.Content.ToString() : "";
    }

    public static Task<InsuredRecord?> Find(FamilyAidApp app, string residentId) =>
        ResidentId.TryParse(residentId, out var id)
            ? app.Services.GetRequiredService<InsuredStore>().Find(id, CancellationToken.None)
            : throw new ArgumentException("Not a resident ID.", nameof(residentId));

    /// <summary>The platform adjustments posted to the person's personal account.</summary>
    public static async Task<int> Adjustments(FamilyAidApp app, string personId) =>
        (await app.Services.GetRequiredService<AccountLedger>().Entries(Domain.Ledger.AccountId.Personal(personId).Value, 500, CancellationToken.None))
        .Count(e => e.Reason == "platform-adjustment");

    /// <summary>Puts a file in the imports container and a queued import for it, without a pointer: the test runs it.</summary>
    public static async Task<string> Queued(FamilyAidApp app, string text, ImportFormat format = ImportFormat.JsonLines)
    {
        var storage = app.Services.GetRequiredService<ImportStorage>();
        await storage.Ready(CancellationToken.None);
        var id = Guid.NewGuid().ToString("N");
        var bytes = Encoding.UTF8.GetBytes(text);
        await storage.Container.GetBlobClient(ImportStorage.UploadOf(id, format)).UploadAsync(new BinaryData(bytes));
        await app.Services.GetRequiredService<ImportStore>().Create(id, ImportStorage.UploadOf(id, format), "upload", bytes.Length, app.Clock.GetUtcNow(), CancellationToken.None);
        return id;
    }
}
