using Azure.Data.Tables;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Bindings;

/// <summary>Issue 16: a binding command's audit entry is committed with the change it records, in the request's own
/// stream partition (one write fewer per command, and no entry without its change or change without its entry).</summary>
[Collection(AppCollection.Name)]
public sealed class AuditInStreamTests(FamilyAidApp app)
{
    [Fact]
    public async Task The_create_and_a_document_upload_keep_their_entries_in_the_requests_stream()
    {
        // Given an authorizer who creates a request and uploads one document
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var client = app.As(authorizer.Id);
        var create = await client.PostAsJsonAsync("/api/bindings", Api.BindingBody(member));
        await Api.Expect(create, HttpStatusCode.Created);
        var id = (await Api.Json(create))["id"]!.GetValue<string>();
        await Api.Expect(await Api.Upload(client, id, Api.AllDocuments[0], Api.Jpeg(1024)), HttpStatusCode.Created);

        // When the request's partition and the audit table are read
        var tables = app.Services.GetRequiredService<Tables>();
        var inStream = await tables.Bindings.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {id} and RowKey ge {"audit-"} and RowKey lt {"audit."}")).ToListAsync();
        var inTable = await tables.Audit.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")).ToListAsync();

        // Then both entries are in the stream, by the authorizer, and none went to the audit table
        Assert.Equal(["binding-requested", "document-uploaded"], inStream.Select(r => r.GetString("Action")).Order(StringComparer.Ordinal));
        Assert.All(inStream, r => Assert.Equal(authorizer.Id, r.GetString("ActorId")));
        Assert.Empty(inTable);
    }
}
